package dev.naistoken.coroutines

import dev.naistoken.rules.RequireGroup
import kotlinx.coroutines.delay
import org.springframework.security.access.prepost.PreAuthorize
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.RestController

@RestController
class CaseController {

    // A coroutine: reactive method security checks the rule before the function runs.
    @GetMapping("/api/cases")
    @RequireGroup("casehandlers")
    suspend fun cases(): List<String> {
        delay(1) // any suspending call: a repository, a WebClient call with awaitBody()
        return listOf("case-1", "case-2")
    }

    @GetMapping("/api/cases/{id}/status")
    @PreAuthorize("hasRole('access_as_application')")
    suspend fun status(@PathVariable id: String): String {
        delay(1)
        return "$id: open"
    }
}
