package dev.naistoken.introspection;

/**
 * The identity providers the introspection endpoint serves. The value sent is the endpoint's own
 * spelling ({@link #wireValue()}), kept separate from the enum name so that configuration binds with
 * Spring's relaxed rules ({@code azuread}, {@code entra-id}, {@code ENTRA_ID} all work).
 */
public enum IdentityProvider {

	/** Entra ID under the name the platform's documentation uses. */
	AZUREAD("azuread", "spec.azure.application.enabled"),

	/** Entra ID under its newer canonical name. */
	ENTRA_ID("entra_id", "spec.azure.application.enabled"),

	/** TokenX, for tokens exchanged between applications on behalf of a citizen. */
	TOKENX("tokenx", "spec.tokenx.enabled"),

	/** ID-porten, for citizens logging in. */
	IDPORTEN("idporten", "spec.idporten.enabled"),

	/** Maskinporten, for external organisations' machines. */
	MASKINPORTEN("maskinporten", "spec.maskinporten.enabled");

	private final String wireValue;

	private final String manifestField;

	IdentityProvider(String wireValue, String manifestField) {
		this.wireValue = wireValue;
		this.manifestField = manifestField;
	}

	/**
	 * The {@code identity_provider} value the endpoint expects.
	 * @return the value as sent
	 */
	public String wireValue() {
		return this.wireValue;
	}

	/**
	 * Every provider's wire value, comma-separated, for messages that list the choices.
	 * @return the values, in declaration order
	 */
	public static String wireValues() {
		return java.util.Arrays.stream(values())
			.map(IdentityProvider::wireValue)
			.collect(java.util.stream.Collectors.joining(", "));
	}

	/**
	 * The provider under its canonical name: {@link #ENTRA_ID} for both names of Entra ID, itself for
	 * the others. Authorities and {@code NaisTokenPrincipal.provider()} use it, so a rule written for
	 * Entra ID holds whichever name the application sends.
	 * @return the canonical provider
	 */
	public IdentityProvider canonical() {
		return (this == AZUREAD) ? ENTRA_ID : this;
	}

	/** The NAIS manifest field that enables this provider for the application, named in log lines. */
	String manifestField() {
		return this.manifestField;
	}

}
