package dev.naistoken.autoconfigure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.naistoken.introspection.RequestFormat;

/** {@link ProviderRoutingHttpTests} with JSON requests to the endpoint. */
@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
				"logging.level.dev.naistoken.introspection=DEBUG", "nais.token.introspection.request-format=json" })
class ProviderRoutingJsonTests extends ProviderRoutingHttpTests {

	ProviderRoutingJsonTests() {
		super(RequestFormat.JSON);
	}

}
