package dk.bostotte.device.ui;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.SwingConstants;

/** The few building blocks every kiosk screen is made of: big text and big buttons. */
final class Widgets {

    private Widgets() {
    }

    /** Text that wraps to the width it is given (HTML labels wrap; plain ones do not). */
    static JLabel text(String text, Font font, Color color) {
        JLabel l = new JLabel("<html>" + escape(text) + "</html>");
        l.setFont(font);
        l.setForeground(color);
        l.setName(text);
        return l;
    }

    /** Text that wraps at {@code widthPx}, as a paragraph does. */
    static JLabel paragraph(String text, Font font, Color color, int widthPx) {
        JLabel l = new JLabel("<html><div style='width:" + widthPx + "px'>" + escape(text) + "</div></html>");
        l.setFont(font);
        l.setForeground(color);
        l.setName(text);
        return l;
    }

    /**
     * Centred text that wraps within the page's margins. Given its width, Swing's HTML counts the
     * wrapped lines in the label's height, so a layout makes room for all of them.
     */
    static JLabel centred(String text, Font font, Color color, KioskTheme theme) {
        JLabel l = new JLabel("", SwingConstants.CENTER);
        l.putClientProperty(WRAP_CSS_PX, theme.lineWidth() * 3 / 4);
        recentre(l, text);
        l.setFont(font);
        l.setForeground(color);
        l.setName(text);
        return l;
    }

    /** New words for a {@link #centred} label, wrapped as before. */
    static void recentre(JLabel l, String text) {
        l.setText("<html><div style='text-align:center;width:" + l.getClientProperty(WRAP_CSS_PX) + "px'>" + escape(text)
                + "</div></html>");
    }

    /** Swing's HTML pixels are about 4/3 of the screen's: the wrap width in them. */
    private static final String WRAP_CSS_PX = "wrapCssPx";

    /** A large flat button with no focus ring: a finger, not a keyboard, presses it. */
    static JButton button(String text, Color background, KioskTheme theme, Runnable action) {
        JButton b = new JButton(text);
        b.setName(text);
        b.setFont(theme.font(1.25, true));
        b.setForeground(Color.WHITE);
        b.setBackground(background);
        b.setOpaque(true);
        b.setContentAreaFilled(true);
        b.setFocusPainted(false);
        b.setFocusable(false);
        b.setBorder(BorderFactory.createLineBorder(background.brighter(), 2));
        b.setPreferredSize(new Dimension(theme.minTouchPx() * 3, theme.buttonHeight()));
        b.setMinimumSize(new Dimension(theme.minTouchPx(), theme.minTouchPx()));
        b.addActionListener(e -> action.run());
        return b;
    }

    static <T extends JComponent> T padded(T c, int gap) {
        c.setBorder(BorderFactory.createEmptyBorder(gap, gap, gap, gap));
        return c;
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
