package dev.naistoken.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import dev.naistoken.introspection.IdentityProvider;
import dev.naistoken.introspection.RequestFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE shows for {@code nais.token.*}: the metadata the configuration processor generates from
 * {@link NaisTokenProperties}, merged with {@code additional-spring-configuration-metadata.json}.
 */
class ConfigurationMetadataTests {

	private static final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	private final JsonNode metadata = read("META-INF/spring-configuration-metadata.json");

	@Test
	void everyPropertyHasADescriptionAnIdeCanShow() {
		List<String> problems = new ArrayList<>();
		for (JsonNode property : properties()) {
			String name = property.get("name").asString();
			String description = property.path("description").asString("");
			if (description.isBlank()) {
				problems.add(name + " has no description (add an @param to its record component)");
			}
			else if (!Character.isUpperCase(description.charAt(0)) || !description.endsWith(".")) {
				problems.add(name + " has a description that is not a sentence: " + description);
			}
			else if (description.contains("{@")) {
				problems.add(name + " has a Javadoc tag the IDE would show raw: " + description);
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyPropertyOfTheRecordIsDescribed() {
		Set<String> names = new TreeSet<>();
		recordProperties().forEach((property) -> names.add(property.get("name").asString()));
		assertThat(names).isEqualTo(propertyNames("nais.token", NaisTokenProperties.class));
	}

	@Test
	void everyDefaultIsTheValueAnUnsetPropertyBindsTo() {
		NaisTokenProperties unset = new Binder(new MapConfigurationPropertySource(Map.of()))
			.bindOrCreate("nais.token", NaisTokenProperties.class);
		List<String> withoutDefault = new ArrayList<>();
		for (JsonNode property : recordProperties()) {
			String name = property.get("name").asString();
			Object bound = valueOf(unset, name);
			if (!property.has("defaultValue")) {
				withoutDefault.add(name);
				continue;
			}
			Class<?> type = ClassUtils.resolveClassName(property.get("type").asString(), null);
			assertThat(conversion.convert(property.get("defaultValue").asString(), type)).as(name).isEqualTo(bound);
		}
		// The endpoint and the issuers come from the platform; group aliases are the application's own.
		assertThat(withoutDefault).containsExactlyInAnyOrder("nais.token.introspection.endpoint", "nais.token.groups",
				"nais.token.providers.entra-id.issuer", "nais.token.providers.tokenx.issuer",
				"nais.token.providers.idporten.issuer", "nais.token.providers.maskinporten.issuer");
	}

	@Test
	void identityProviderHintsAreTheValuesThatBind() {
		assertThat(hintValues("nais.token.introspection.identity-provider"))
			.containsExactlyElementsOf(Arrays.stream(IdentityProvider.values()).map(IdentityProvider::wireValue).toList())
			.allSatisfy((value) -> assertThat(conversion.convert(value, IdentityProvider.class).wireValue())
				.isEqualTo(value));
	}

	@Test
	void requestFormatHintsAreTheValuesThatBind() {
		assertThat(hintValues("nais.token.introspection.request-format")).containsExactly("form", "json")
			.map((value) -> conversion.convert(value, RequestFormat.class))
			.containsExactly(RequestFormat.values());
	}

	@Test
	void groupAliasesAreDescribedAsAMapOfAliasToObjectId() {
		JsonNode groups = property("nais.token.groups");
		assertThat(groups.get("type").asString()).isEqualTo("java.util.Map<java.lang.String,java.lang.String>");
		assertThat(groups.get("description").asString()).contains("alias").contains("object id");
	}

	@Test
	void healthIsOffByDefault() {
		assertThat(property("management.health.naistoken.enabled").get("defaultValue").asBoolean()).isFalse();
	}

	@Test
	void theOldHealthSwitchPointsToTheBootOne() {
		JsonNode deprecation = property("nais.token.health.enabled").get("deprecation");
		assertThat(deprecation.get("level").asString()).isEqualTo("error");
		assertThat(deprecation.get("replacement").asString()).isEqualTo("management.health.naistoken.enabled");
	}

	@Test
	void entraInternalClaimsAreDroppedByDefault() {
		assertThat(property("nais.token.introspection.keep-internal-claims").get("defaultValue").asBoolean())
			.isFalse();
	}

	private List<JsonNode> properties() {
		List<JsonNode> properties = new ArrayList<>();
		this.metadata.get("properties").forEach(properties::add);
		assertThat(properties).isNotEmpty();
		return properties;
	}

	/** The properties of {@link NaisTokenProperties}: not Boot's management ones, not the removed ones. */
	private List<JsonNode> recordProperties() {
		return properties().stream()
			.filter((property) -> property.get("name").asString().startsWith("nais.token."))
			.filter((property) -> !property.has("deprecation"))
			.toList();
	}

	private JsonNode property(String name) {
		return properties().stream()
			.filter((property) -> name.equals(property.get("name").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " is not in the metadata"));
	}

	private List<String> hintValues(String name) {
		for (JsonNode hint : this.metadata.get("hints")) {
			if (name.equals(hint.get("name").asString())) {
				List<String> values = new ArrayList<>();
				for (JsonNode value : hint.get("values")) {
					assertThat(value.path("description").asString("")).as(name + " " + value).isNotBlank();
					values.add(value.get("value").asString());
				}
				return values;
			}
		}
		throw new AssertionError("no hint for " + name);
	}

	/** The canonical property names of a properties record, nested records followed. */
	private static Set<String> propertyNames(String prefix, Class<?> record) {
		Set<String> names = new TreeSet<>();
		for (RecordComponent component : record.getRecordComponents()) {
			String name = prefix + "." + kebab(component.getName());
			if (component.getType().isRecord()) {
				names.addAll(propertyNames(name, component.getType()));
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	/** Follows a canonical property name through the records' accessors. */
	private static Object valueOf(Object properties, String name) {
		Object value = properties;
		for (String segment : Arrays.asList(name.substring("nais.token.".length()).split("\\."))) {
			RecordComponent component = Arrays.stream(value.getClass().getRecordComponents())
				.filter((candidate) -> kebab(candidate.getName()).equals(segment))
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + " has no record component " + segment));
			try {
				value = component.getAccessor().invoke(value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return value;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
	}

	private static JsonNode read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(path + " was not generated: is the configuration processor running?",
					ex);
		}
	}

}
