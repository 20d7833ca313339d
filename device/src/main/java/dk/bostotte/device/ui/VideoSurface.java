package dk.bostotte.device.ui;

import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

/**
 * Draws the latest picture of one video stream, scaled to fit with its proportions kept. Frames are
 * copied in on GStreamer's thread into a spare image and swapped in, so painting never waits on
 * the pipeline and the pipeline never waits on painting.
 */
public final class VideoSurface extends JComponent {

    private volatile BufferedImage shown;
    private BufferedImage spare;
    private volatile long frames;

    public VideoSurface() {
        setOpaque(true);
        setBackground(Color.BLACK);
    }

    /** A 32-bit BGRx picture; called from the pipeline's thread. */
    public void frame(int width, int height, ByteBuffer bgrx) {
        BufferedImage target;
        synchronized (this) {
            target = spare != null && spare.getWidth() == width && spare.getHeight() == height ? spare
                    : new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            spare = null;
        }
        int[] pixels = ((DataBufferInt) target.getRaster().getDataBuffer()).getData();
        // BGRx bytes read as little-endian ints are 0xxxRRGGBB: exactly TYPE_INT_RGB.
        bgrx.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(pixels, 0, Math.min(pixels.length, bgrx.remaining() / 4));
        synchronized (this) {
            spare = shown;
            shown = target;
        }
        frames++;
        SwingUtilities.invokeLater(this::repaint);
    }

    public void clear() {
        synchronized (this) {
            shown = null;
            spare = null;
        }
        frames = 0;
        SwingUtilities.invokeLater(this::repaint);
    }

    public boolean hasPicture() {
        return shown != null;
    }

    public long framesShown() {
        return frames;
    }

    @Override
    protected void paintComponent(Graphics g) {
        g.setColor(getBackground());
        g.fillRect(0, 0, getWidth(), getHeight());
        BufferedImage image = shown;
        if (image == null) {
            return;
        }
        double scale = Math.min(getWidth() / (double) image.getWidth(), getHeight() / (double) image.getHeight());
        int w = (int) Math.round(image.getWidth() * scale);
        int h = (int) Math.round(image.getHeight() * scale);
        Graphics2D g2 = (Graphics2D) g;
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g2.drawImage(image, (getWidth() - w) / 2, (getHeight() - h) / 2, w, h, null);
    }
}
