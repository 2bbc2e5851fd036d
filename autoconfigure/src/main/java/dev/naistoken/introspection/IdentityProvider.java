package dev.naistoken.introspection;

/**
 * The identity providers the introspection endpoint serves. The value sent is the endpoint's own
 * spelling ({@link #wireValue()}), kept separate from the enum name so that configuration binds with
 * Spring's relaxed rules ({@code azuread}, {@code entra-id}, {@code ENTRA_ID} all work).
 */
public enum IdentityProvider {

	/** Entra ID under the name the platform's documentation uses. */
	AZUREAD("azuread"),

	/** Entra ID under its newer canonical name. */
	ENTRA_ID("entra_id"),

	/** TokenX, for tokens exchanged between applications on behalf of a citizen. */
	TOKENX("tokenx"),

	/** ID-porten, for citizens logging in. */
	IDPORTEN("idporten"),

	/** Maskinporten, for external organisations' machines. */
	MASKINPORTEN("maskinporten");

	private final String wireValue;

	IdentityProvider(String wireValue) {
		this.wireValue = wireValue;
	}

	/**
	 * The {@code identity_provider} value the endpoint expects.
	 * @return the value as sent
	 */
	public String wireValue() {
		return this.wireValue;
	}

}
