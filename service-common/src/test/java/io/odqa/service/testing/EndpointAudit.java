package io.odqa.service.testing;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Lists a service's REST endpoints with the roles they need, by reading every class of the
 * service's own build output (so a new resource cannot be missed). Each service's
 * {@code EndpointRolesTest} compares the list with the roles it means to require.
 */
public final class EndpointAudit {
  private static final Map<Class<? extends Annotation>, String> METHODS = Map.of(GET.class, "GET",
      POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE", PATCH.class, "PATCH");

  private EndpointAudit() {}

  /**
   * {@code "METHOD /path" -> roles} for every resource method in the build output that holds
   * {@code anyClassOfTheService}; roles are {@code "-"} for a method anyone may call.
   */
  public static Map<String, String> roles(Class<?> anyClassOfTheService) {
    Map<String, String> endpoints = new TreeMap<>();
    for (Class<?> type : classes(anyClassOfTheService)) {
      Path classPath = type.getAnnotation(Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method method : type.getDeclaredMethods()) {
        String verb = verb(method);
        if (verb == null) {
          continue;
        }
        Path methodPath = method.getAnnotation(Path.class);
        String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
        RolesAllowed roles = method.isAnnotationPresent(PermitAll.class) ? null
            : method.isAnnotationPresent(RolesAllowed.class)
                ? method.getAnnotation(RolesAllowed.class) : type.getAnnotation(RolesAllowed.class);
        endpoints.merge(verb + " " + path,
            roles == null ? "-" : String.join(",", roles.value()), (a, b) -> a.equals(b) ? a
                : a + " | " + b);
      }
    }
    return endpoints;
  }

  private static String verb(Method method) {
    for (Map.Entry<Class<? extends Annotation>, String> e : METHODS.entrySet()) {
      if (method.isAnnotationPresent(e.getKey())) {
        return e.getValue();
      }
    }
    for (Annotation a : method.getAnnotations()) {
      HttpMethod custom = a.annotationType().getAnnotation(HttpMethod.class);
      if (custom != null) {
        return custom.value();
      }
    }
    return null;
  }

  private static String join(String base, String sub) {
    String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static List<Class<?>> classes(Class<?> anchor) {
    try {
      java.nio.file.Path root = java.nio.file.Path.of(
          anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<java.nio.file.Path> files = Files.walk(root)) {
        return files.filter(f -> f.toString().endsWith(".class"))
            .map(f -> root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
            .filter(name -> !name.contains("$") && !name.endsWith("package-info"))
            .<Class<?>>map(name -> load(name, anchor.getClassLoader()))
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
