package dev.naistoken.coroutines

import dev.naistoken.reactive.ReactiveKitTestApplication
import dev.naistoken.test.AutoConfigureFakeTexas
import dev.naistoken.test.FakeTexas
import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.SpringBootConfiguration
import org.springframework.boot.autoconfigure.EnableAutoConfiguration
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.web.server.LocalServerPort
import org.springframework.context.annotation.Import
import org.springframework.test.web.reactive.server.WebTestClient
import java.nio.file.Files
import java.nio.file.Path

/**
 * A ready-made rule and a plain `@PreAuthorize` on a WebFlux controller's `suspend` functions (the
 * controller docs/webflux.md shows), guarded by the reactive method security the starter turns on:
 * over a real Netty server, with tokens the fake endpoint checks.
 */
@SpringBootTest(
    classes = [SuspendRuleTests.CasesApplication::class],
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = ["nais.token.groups.casehandlers=$CASE_HANDLERS_ID", ReactiveKitTestApplication.REACTIVE],
)
@AutoConfigureFakeTexas
class SuspendRuleTests {

    @Autowired
    private lateinit var texas: FakeTexas

    @LocalServerPort
    private var port = 0

    private val http by lazy { WebTestClient.bindToServer().baseUrl("http://127.0.0.1:$port").build() }

    @Test
    fun requireGroupOnASuspendFunction() {
        get("/api/cases", texas.token().groups(CASE_HANDLERS_ID).issue())
            .expectStatus().isOk
            .expectBody(String::class.java).isEqualTo("""["case-1","case-2"]""")
        get("/api/cases", texas.token().groups(OTHER_GROUP_ID).issue())
            .expectStatus().isForbidden
            .expectHeader().value("WWW-Authenticate") { value ->
                assertThat(value).startsWith("Bearer").contains("error=\"insufficient_scope\"")
            }
        get("/api/cases", texas.token().app().issue()).expectStatus().isForbidden
        get("/api/cases", null).expectStatus().isUnauthorized
    }

    @Test
    fun preAuthorizeOnASuspendFunction() {
        get("/api/cases/42/status", texas.token().app().issue())
            .expectStatus().isOk
            .expectBody(String::class.java).isEqualTo("42: open")
        get("/api/cases/42/status", texas.token().groups(CASE_HANDLERS_ID).issue())
            .expectStatus().isForbidden
            .expectHeader().value("WWW-Authenticate") { value ->
                assertThat(value).startsWith("Bearer").contains("error=\"insufficient_scope\"")
            }
        get("/api/cases/42/status", null).expectStatus().isUnauthorized
    }

    /** The documentation shows the controller these tests drive, imports included. */
    @Test
    fun docsShowThisController() {
        val source = Files.readString(Path.of("src/test/kotlin/dev/naistoken/coroutines/CaseController.kt"))
        val shown = source.substringAfter("package dev.naistoken.coroutines\n\n")
        assertThat(Files.readString(Path.of("../docs/webflux.md"))).contains("```kotlin\n$shown```")
    }

    private fun get(path: String, token: String?): WebTestClient.ResponseSpec =
        http.get().uri(path).headers { headers -> token?.let { headers.setBearerAuth(it) } }.exchange()

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(CaseController::class)
    class CasesApplication
}

private const val CASE_HANDLERS_ID = "6a1f3c2e-0000-4000-8000-000000000003"

private const val OTHER_GROUP_ID = "6a1f3c2e-0000-4000-8000-000000000004"
