package dev.naistoken.autoconfigure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.naistoken.introspection.RequestFormat;

/** {@link ProviderRoutingHttpTests} with form-encoded requests to the endpoint. */
@SpringBootTest(classes = TestApi.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "nais.token.groups.admins=" + TestApi.ADMINS_GROUP_ID,
				"logging.level.dev.naistoken.introspection=DEBUG", "nais.token.introspection.request-format=form" })
class ProviderRoutingFormTests extends ProviderRoutingHttpTests {

	ProviderRoutingFormTests() {
		super(RequestFormat.FORM);
	}

}
