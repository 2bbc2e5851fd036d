package dev.naistoken.readme;

// docs/http-behaviour.md, "Your own filter chain", verbatim from the first import on (ReadmeSnippetsTests checks it).

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import dev.naistoken.autoconfigure.NaisTokenHttpSecurity;

@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        // First the starter's defaults: /error and the health probes open, stateless, no CSRF, the introspector.
        return NaisTokenHttpSecurity.applyDefaults(http)
            .authorizeHttpRequests(requests -> requests
                .requestMatchers("/api/internal/**").hasRole("access_as_application")
                .anyRequest().authenticated())
            .build();
    }
}
