package dev.resonance.impl.http;

import dev.resonance.impl.input.InputRules;
import dev.resonance.impl.input.PageLimit;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import javax.ws.rs.ext.ParamConverter;
import javax.ws.rs.ext.ParamConverterProvider;

/**
 * How path and query parameters become numbers, for every resource: ASCII digits only (Jersey's default,
 * {@link Long#valueOf}, reads any Unicode digit, so {@code /tracks/%D9%A1} was track 1), and {@code limit} as a
 * {@link PageLimit}. A value that does not convert is a 404 in a path (as any path that names nothing) and a 400
 * {@code invalid_parameter} naming the parameter in a query ({@link ApiExceptionMapper}).
 */
public final class ParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) number(rawType == long.class ? 0L : null, text -> InputRules.asciiLong(text));
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) number(rawType == int.class ? 0 : null, text -> Math.toIntExact(InputRules.asciiLong(text)));
        }
        if (rawType == PageLimit.class) {
            return (ParamConverter<T>) number(null, PageLimit::parse);
        }
        return null;
    }

    private static <T> ParamConverter<T> number(T absent, java.util.function.Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return absent; // no parameter and no @DefaultValue: what Jersey gives a primitive or a wrapper
                }
                try {
                    return parse.apply(value);
                } catch (ArithmeticException e) {
                    throw new NumberFormatException("out of range: " + InputRules.printable(value, 40));
                }
            }

            @Override
            public String toString(T value) {
                return String.valueOf(value);
            }
        };
    }
}
