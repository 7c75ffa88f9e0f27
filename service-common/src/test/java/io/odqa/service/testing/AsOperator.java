package io.odqa.service.testing;

import io.odqa.core.api.ApiKey;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * REST Assured's {@code given()} with the operator API key of the services' test profile
 * ({@code %test.odqa.security.api-keys} holds its SHA-256). Tests of behaviour import this
 * {@code given()}; tests of security use {@link RestAssured#given()} and choose their key.
 */
public final class AsOperator {
  /** The key the test profile accepts with roles operator and viewer. */
  public static final String KEY = "odqa-test-operator-key-2f6d0b8e";
  /** A key the test profile accepts with role viewer only. */
  public static final String VIEWER_KEY = "odqa-test-viewer-key-91c4e7a3";

  private AsOperator() {}

  /** A request that sends {@link #KEY}. */
  public static RequestSpecification given() {
    return RestAssured.given().header(ApiKey.HEADER, KEY);
  }
}
