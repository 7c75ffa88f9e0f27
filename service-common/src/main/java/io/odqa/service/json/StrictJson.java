package io.odqa.service.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read strictly, so that a malformed one is refused (400) instead of being
 * read as something the client did not send: a repeated key, anything after the JSON value, a
 * number where text belongs or text where a number or boolean belongs, a fraction where an
 * integer belongs, and (through {@link CleanText}) strings with lone surrogates or control
 * characters. Unknown fields are still ignored, so that older services accept newer clients.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.String,
        CoercionInputShape.Boolean, CoercionInputShape.Float}) {
      mapper.coercionConfigFor(LogicalType.Integer).setCoercion(shape, CoercionAction.Fail);
    }
    for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.String,
        CoercionInputShape.Boolean}) {
      mapper.coercionConfigFor(LogicalType.Float).setCoercion(shape, CoercionAction.Fail);
    }
    for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.String,
        CoercionInputShape.Integer, CoercionInputShape.Float}) {
      mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(shape, CoercionAction.Fail);
    }
    mapper.registerModule(new SimpleModule("odqa-clean-text")
        .addDeserializer(String.class, new CleanText()));
  }
}
