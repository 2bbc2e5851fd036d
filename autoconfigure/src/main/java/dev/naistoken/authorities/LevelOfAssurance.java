package dev.naistoken.authorities;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How sure ID-porten is of a citizen's identity, read from the {@code acr} claim of TokenX and ID-porten
 * tokens. Declared from the lower level up: a level includes every level before it, so a token at
 * {@link #HIGH} also gets the authority of {@link #SUBSTANTIAL} and passes rules that ask for it.
 * <p>
 * Both spellings the platform sends are read: {@code idporten-loa-substantial} / {@code idporten-loa-high}
 * and the legacy {@code Level3} / {@code Level4}. Any other value is no level at all.
 *
 * @since 0.1.0
 */
public enum LevelOfAssurance {

	/** {@code idporten-loa-substantial} (legacy {@code Level3}): e.g. MinID. */
	SUBSTANTIAL("idporten-loa-substantial", "Level3"),

	/** {@code idporten-loa-high} (legacy {@code Level4}): e.g. BankID; includes {@link #SUBSTANTIAL}. */
	HIGH("idporten-loa-high", "Level4");

	private final String acr;

	private final String legacyAcr;

	private final String authorityName;

	LevelOfAssurance(String acr, String legacyAcr) {
		this.acr = acr;
		this.legacyAcr = legacyAcr;
		this.authorityName = name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The level an {@code acr} value names.
	 * @param acr the claim's value, of any type
	 * @return the level, or {@code null} when the value names none (absent, not a string, unknown)
	 */
	public static @Nullable LevelOfAssurance fromAcr(@Nullable Object acr) {
		if (acr instanceof String value) {
			for (LevelOfAssurance level : values()) {
				if (level.acr.equals(value) || level.legacyAcr.equals(value)) {
					return level;
				}
			}
		}
		return null;
	}

	/**
	 * What follows the level prefix in this level's authority: {@code high} for {@code LOA_high}.
	 * @return the lowercase name
	 */
	public String authorityName() {
		return this.authorityName;
	}

	/**
	 * Whether a token at this level meets a rule that asks for {@code required}.
	 * @param required the level a rule asks for
	 * @return {@code true} when this level is the same or higher
	 */
	public boolean includes(LevelOfAssurance required) {
		return compareTo(required) >= 0;
	}

}
