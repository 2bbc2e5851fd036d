package dev.naistoken.autoconfigure;

/**
 * A {@code nais.token.*} setting that the starter cannot work with. Fails start-up; the failure
 * analyzer turns it into a description and an action instead of a stack trace.
 */
public class NaisTokenConfigurationException extends RuntimeException {

	/** The property at fault. */
	private final String property;

	/** What is wrong, without the fix. */
	private final String description;

	/** How to fix it. */
	private final String action;

	/**
	 * Creates a new instance.
	 * @param property the property at fault
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public NaisTokenConfigurationException(String property, String problem, String action) {
		super("Property '" + property + "' " + problem + ". " + action);
		this.property = property;
		this.description = "Property '" + property + "' " + problem + ".";
		this.action = action;
	}

	/**
	 * What is wrong: the property and its problem, without the action (the message holds both).
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * The property at fault.
	 * @return its canonical name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * How to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
