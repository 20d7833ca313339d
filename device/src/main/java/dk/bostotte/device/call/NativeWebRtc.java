package dk.bostotte.device.call;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.freedesktop.gstreamer.glib.NativeObject;

/**
 * The parts of webrtcbin and GStreamer that gst1-java-core 1.4.0 does not expose (the ICE agent,
 * the {@code get-stats} action signal, the system clock), reached with plain JNA calls into
 * GObject and GStreamer on the element's pointer.
 */
final class NativeWebRtc {

    interface GObjectLib extends Library {
        GObjectLib INSTANCE = Native.load("gobject-2.0", GObjectLib.class);

        void g_object_get(Pointer object, String property, Object... valueThenNull);

        void g_object_set(Pointer object, String property, Object... valueThenNull);

        void g_signal_emit_by_name(Pointer instance, String signal, Object... args);

        void g_object_unref(Pointer object);
    }

    interface GstLib extends Library {
        GstLib INSTANCE = Native.load("gstreamer-1.0", GstLib.class);

        Pointer gst_promise_new();

        int gst_promise_wait(Pointer promise);

        void gst_promise_interrupt(Pointer promise);

        Pointer gst_promise_get_reply(Pointer promise);

        Pointer gst_structure_to_string(Pointer structure);

        void gst_mini_object_unref(Pointer object);

        Pointer gst_bin_get_by_name(Pointer bin, String name);

        void gst_object_unref(Pointer object);

        void gst_structure_free(Pointer structure);

        Pointer gst_system_clock_obtain();

        void gst_pipeline_use_clock(Pointer pipeline, Pointer clock);
    }

    interface GLibLib extends Library {
        GLibLib INSTANCE = Native.load("glib-2.0", GLibLib.class);

        void g_free(Pointer p);
    }

    /** GST_PROMISE_RESULT_REPLIED */
    private static final int REPLIED = 2;

    private NativeWebRtc() {
    }

    static Pointer pointer(NativeObject o) {
        try {
            Method m = NativeObject.class.getDeclaredMethod("getRawPointer");
            m.setAccessible(true);
            return (Pointer) m.invoke(o);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("gst1-java-core changed: no raw pointer", e);
        }
    }

    /**
     * Lets the ICE agent use {@code address} (libnice leaves out loopback by default) and turns off
     * ICE over TCP. Must run before the pipeline plays.
     */
    static void addLocalAddress(NativeObject webrtcbin, String address) {
        PointerByReference agent = new PointerByReference();
        GObjectLib.INSTANCE.g_object_get(pointer(webrtcbin), "ice-agent", agent, null);
        if (agent.getValue() == null) {
            throw new IllegalStateException("webrtcbin has no ICE agent");
        }
        try {
            IntByReference added = new IntByReference();
            GObjectLib.INSTANCE.g_signal_emit_by_name(agent.getValue(), "add-local-ip-address", address, added);
            if (added.getValue() == 0) {
                throw new IllegalArgumentException("the ICE agent refused local address " + address);
            }
            GObjectLib.INSTANCE.g_object_set(agent.getValue(), "ice-tcp", 0, null);
        } finally {
            GObjectLib.INSTANCE.g_object_unref(agent.getValue());
        }
    }

    /** Makes {@code pipeline} run on the system clock, whatever clocks its elements offer. */
    static void useSystemClock(NativeObject pipeline) {
        Pointer clock = GstLib.INSTANCE.gst_system_clock_obtain();
        try {
            GstLib.INSTANCE.gst_pipeline_use_clock(pointer(pipeline), clock);
        } finally {
            GstLib.INSTANCE.gst_object_unref(clock);
        }
    }

    /** Waits for promises off the caller's thread, so a webrtcbin that never answers cannot hang it. */
    private static final ExecutorService PROMISE_WAITER =
            Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "webrtc-stats-wait");
                t.setDaemon(true);
                return t;
            });

    /** webrtcbin's statistics as GStreamer serialises them. */
    static String stats(NativeObject webrtcbin, Duration timeout) throws StatsUnavailable {
        Pointer promise = GstLib.INSTANCE.gst_promise_new();
        try {
            GObjectLib.INSTANCE.g_signal_emit_by_name(pointer(webrtcbin), "get-stats", (Pointer) null, promise);
            Future<Integer> result = PROMISE_WAITER.submit(() -> GstLib.INSTANCE.gst_promise_wait(promise));
            int outcome;
            try {
                outcome = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Wakes the waiter; the promise is only freed once it has returned.
                GstLib.INSTANCE.gst_promise_interrupt(promise);
                awaitQuietly(result);
                throw new StatsUnavailable("webrtcbin did not answer get-stats within " + timeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                GstLib.INSTANCE.gst_promise_interrupt(promise);
                awaitQuietly(result);
                Thread.currentThread().interrupt();
                throw new StatsUnavailable("interrupted");
            } catch (ExecutionException e) {
                throw new StatsUnavailable("waiting for get-stats failed: " + e.getCause());
            }
            if (outcome != REPLIED) {
                throw new StatsUnavailable("get-stats ended with promise result " + outcome + " instead of a reply");
            }
            Pointer reply = GstLib.INSTANCE.gst_promise_get_reply(promise);
            if (reply == null) {
                throw new StatsUnavailable("get-stats replied with nothing");
            }
            Pointer text = GstLib.INSTANCE.gst_structure_to_string(reply);
            try {
                return text.getString(0);
            } finally {
                GLibLib.INSTANCE.g_free(text);
            }
        } finally {
            GstLib.INSTANCE.gst_mini_object_unref(promise);
        }
    }

    /**
     * The statistics of webrtcbin's RTP session itself ({@code rtpbin}'s internal session 0, the
     * bundled one), as GStreamer serialises them: one {@code application/x-rtp-source-stats} per
     * source, ours and the other side's. webrtcbin 1.22 forgets a sending SSRC after a pause
     * (its sender-timeout handler removes it and only a new source adds it back), and then its own
     * get-stats leaves out that stream's bytes and the other side's reports about it; the session
     * keeps counting. Null when there is no such session.
     */
    static String sessionStats(NativeObject webrtcbin) {
        Pointer rtpbin = GstLib.INSTANCE.gst_bin_get_by_name(pointer(webrtcbin), "rtpbin");
        if (rtpbin == null) {
            return null;
        }
        try {
            PointerByReference session = new PointerByReference();
            GObjectLib.INSTANCE.g_signal_emit_by_name(rtpbin, "get-internal-session", 0, session);
            if (session.getValue() == null) {
                return null;
            }
            try {
                return structureProperty(session.getValue(), "stats");
            } finally {
                GObjectLib.INSTANCE.g_object_unref(session.getValue());
            }
        } finally {
            GstLib.INSTANCE.gst_object_unref(rtpbin);
        }
    }

    /** A GstStructure-typed property of {@code element} (a sink's {@code stats}), serialised; null if unset. */
    static String structureProperty(NativeObject element, String property) {
        return structureProperty(pointer(element), property);
    }

    private static String structureProperty(Pointer object, String property) {
        PointerByReference value = new PointerByReference();
        GObjectLib.INSTANCE.g_object_get(object, property, value, null);
        if (value.getValue() == null) {
            return null;
        }
        try {
            Pointer text = GstLib.INSTANCE.gst_structure_to_string(value.getValue());
            try {
                return text.getString(0);
            } finally {
                GLibLib.INSTANCE.g_free(text);
            }
        } finally {
            GstLib.INSTANCE.gst_structure_free(value.getValue());
        }
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // The interrupt wakes it at once; nothing left to do if it does not.
        }
    }

    /** Why there are no statistics this time. */
    static final class StatsUnavailable extends Exception {
        StatsUnavailable(String why) {
            super(why);
        }
    }
}
