package dk.bostotte.device.call;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Method;
import org.freedesktop.gstreamer.glib.NativeObject;

/**
 * The parts of webrtcbin that gst1-java-core 1.4.0 does not expose (its ICE agent and the
 * {@code get-stats} action signal), reached with plain JNA calls into GObject and GStreamer on
 * the element's pointer.
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

        Pointer gst_promise_get_reply(Pointer promise);

        Pointer gst_structure_to_string(Pointer structure);

        void gst_mini_object_unref(Pointer object);
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

    /** webrtcbin's statistics as GStreamer serialises them, or null if it did not answer. */
    static String stats(NativeObject webrtcbin) {
        Pointer promise = GstLib.INSTANCE.gst_promise_new();
        try {
            GObjectLib.INSTANCE.g_signal_emit_by_name(pointer(webrtcbin), "get-stats", (Pointer) null, promise);
            if (GstLib.INSTANCE.gst_promise_wait(promise) != REPLIED) {
                return null;
            }
            Pointer reply = GstLib.INSTANCE.gst_promise_get_reply(promise);
            if (reply == null) {
                return null;
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
}
