package dk.bostotte.protocol.codec;

import java.util.function.Function;

/** The outcome of decoding: a valid message or the error that names what was wrong. Never throws. */
public sealed interface Decoded<T> {

    record Ok<T>(T message) implements Decoded<T> {
    }

    record Failed<T>(DecodeError error) implements Decoded<T> {
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The message; throws only when called on a failure, which is a programming error. */
    default T orThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.message();
        }
        throw new IllegalStateException(((Failed<T>) this).error().message());
    }

    default <R> R fold(Function<T, R> ok, Function<DecodeError, R> failed) {
        return this instanceof Ok<T> o ? ok.apply(o.message()) : failed.apply(((Failed<T>) this).error());
    }
}
