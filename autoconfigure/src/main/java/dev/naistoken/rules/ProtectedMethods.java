package dev.naistoken.rules;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.annotation.SecurityAnnotationScanner;
import org.springframework.security.core.annotation.SecurityAnnotationScanners;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Finds every bean method that has an access rule, with Spring Security's own annotation scanner and
 * template expansion, so what it reports is what will be enforced: a rule on the method, its class, an
 * interface it implements, or a meta-annotation. Reads classes only; creates no bean.
 */
public final class ProtectedMethods {

	private final List<ProtectedMethod> methods;

	private final List<String> conflicts;

	private ProtectedMethods(List<ProtectedMethod> methods, List<String> conflicts) {
		this.methods = methods;
		this.conflicts = conflicts;
	}

	/**
	 * Scans the beans of an application context.
	 * @param beanFactory the application's bean factory
	 * @param rules the rules bean, for the authority prefixes
	 * @param templates the application's template settings, as its method security uses them; {@code null}
	 * for Spring Security's defaults
	 * @return what was found
	 */
	public static ProtectedMethods scan(ConfigurableListableBeanFactory beanFactory, NaisTokenRules rules,
			@Nullable AnnotationTemplateExpressionDefaults templates) {
		AnnotationTemplateExpressionDefaults defaults = (templates != null) ? templates
				: new AnnotationTemplateExpressionDefaults();
		SecurityAnnotationScanner<PreAuthorize> pre = SecurityAnnotationScanners.requireUnique(PreAuthorize.class,
				defaults);
		SecurityAnnotationScanner<PostAuthorize> post = SecurityAnnotationScanners.requireUnique(PostAuthorize.class,
				defaults);
		RuleText text = new RuleText(rules);
		List<ProtectedMethod> methods = new ArrayList<>();
		List<String> conflicts = new ArrayList<>();
		for (Class<?> type : beanTypes(beanFactory)) {
			for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ProtectedMethods::candidate)) {
				add(methods, conflicts, text, type, method, "PreAuthorize", pre, PreAuthorize::value);
				add(methods, conflicts, text, type, method, "PostAuthorize", post, PostAuthorize::value);
			}
		}
		methods.sort(Comparator.comparing((ProtectedMethod method) -> method.type().getName())
			.thenComparing((method) -> method.method().getName()));
		return new ProtectedMethods(List.copyOf(methods), List.copyOf(conflicts));
	}

	/**
	 * The methods with a rule, by class and method name.
	 * @return the methods
	 */
	public List<ProtectedMethod> methods() {
		return this.methods;
	}

	/**
	 * Methods with more than one rule, which Spring Security refuses when they are first called, each as
	 * a sentence naming the method and Spring Security's reason.
	 * @return the conflicts
	 */
	public List<String> conflicts() {
		return this.conflicts;
	}

	private static <A extends Annotation> void add(List<ProtectedMethod> methods, List<String> conflicts,
			RuleText text, Class<?> type, Method method, String name, SecurityAnnotationScanner<A> scanner,
			Function<A, String> value) {
		A annotation;
		try {
			annotation = scanner.scan(method, type);
		}
		catch (RuntimeException ex) {
			// Spring Security's AnnotationConfigurationException: several rules on one method.
			conflicts.add(type.getName() + "#" + method.getName() + " has several " + name + " rules, which Spring "
					+ "Security does not join: it refuses the method at its first call (500). Spring Security says: "
					+ ex.getMessage());
			return;
		}
		if (annotation == null) {
			return;
		}
		String expression = value.apply(annotation);
		methods.add(new ProtectedMethod(type, method, name, expression, List.copyOf(text.requirements(expression)),
				text.rule(name, expression), text.words(expression), request(type, method)));
	}

	/** The request a handler method answers, e.g. {@code GET /api/cases}; read from the annotations. */
	private static @Nullable String request(Class<?> type, Method method) {
		RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
		if (mapping == null) {
			return null;
		}
		RequestMapping typeMapping = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
		String path = first((typeMapping != null) ? typeMapping.path() : new String[0]) + first(mapping.path());
		String verbs = (mapping.method().length == 0) ? "*"
				: String.join(",", java.util.Arrays.stream(mapping.method()).map(Enum::name).toList());
		return verbs + " " + (path.isEmpty() ? "/" : path);
	}

	private static String first(String[] paths) {
		return (paths.length > 0) ? paths[0] : "";
	}

	private static boolean candidate(Method method) {
		int modifiers = method.getModifiers();
		return !Modifier.isStatic(modifiers) && !Modifier.isPrivate(modifiers) && !method.isBridge()
				&& !method.isSynthetic() && method.getDeclaringClass() != Object.class;
	}

	/**
	 * The application's bean classes, without the framework's own: a JDK proxy's interfaces, a CGLIB
	 * proxy's superclass.
	 */
	private static Set<Class<?>> beanTypes(ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanNamesForType(Object.class, true, false)) {
			Class<?> type;
			try {
				type = beanFactory.getType(name, false);
			}
			catch (RuntimeException ex) {
				continue;
			}
			if (type == null) {
				continue;
			}
			Class<?> defined = Proxy.isProxyClass(type) ? definedType(beanFactory, name) : null;
			if (defined != null) {
				addType(types, defined);
			}
			else if (Proxy.isProxyClass(type)) {
				for (Class<?> contract : type.getInterfaces()) {
					addType(types, contract);
				}
			}
			else {
				addType(types, ClassUtils.getUserClass(type));
			}
		}
		return types;
	}

	/** The class a JDK-proxied bean was defined with, when it is a class rather than an interface. */
	private static @Nullable Class<?> definedType(ConfigurableListableBeanFactory beanFactory, String name) {
		if (!beanFactory.containsBeanDefinition(name)) {
			return null;
		}
		Class<?> type = beanFactory.getMergedBeanDefinition(name).getResolvableType().resolve();
		return (type != null && !type.isInterface() && type != Object.class) ? type : null;
	}

	private static void addType(Set<Class<?>> types, Class<?> type) {
		String name = type.getName();
		if (!name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jakarta.")
				&& !name.startsWith("org.springframework.") && !name.startsWith("kotlin.")) {
			types.add(type);
		}
	}

}
