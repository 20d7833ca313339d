package dk.bostotte.device.ui;

import static dk.bostotte.device.ui.Widgets.button;
import static dk.bostotte.device.ui.Widgets.centred;
import static dk.bostotte.device.ui.Widgets.padded;
import static dk.bostotte.device.ui.Widgets.text;

import dk.bostotte.device.ui.KioskView.LineWords;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.GridLayout;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.Timer;

/**
 * Builds the component for each kiosk screen from a {@link KioskView}: idle, ended, no connection,
 * locked and the service screens here; the call screens in {@link CallScreens}. Builders only read
 * the view; every touch goes to {@link KioskActions}.
 */
public final class KioskScreens {

    /** How long the clock must be held to open the service screen. */
    static final int LONG_PRESS_MS = 3000;

    private final KioskTheme theme;
    private final KioskActions actions;
    private final CallScreens calls;
    private final Map<Locale, Texts> texts = new ConcurrentHashMap<>();

    public KioskScreens(KioskTheme theme, KioskActions actions, VideoSurface remote, VideoSurface self) {
        this.theme = theme;
        this.actions = actions;
        this.calls = new CallScreens(theme, actions, remote, self);
    }

    public KioskTheme theme() {
        return theme;
    }

    Texts texts(Locale locale) {
        return texts.computeIfAbsent(locale, Texts::new);
    }

    public JComponent build(KioskView v) {
        Texts t = texts(v.locale());
        JComponent screen = switch (v.screen()) {
            case IDLE -> idle(v, t);
            case INCOMING -> calls.incoming(v, t);
            case OUTGOING -> calls.outgoing(v, t);
            case CONNECTING -> calls.connecting(v, t);
            case IN_CALL -> calls.inCall(v, t);
            case ENDED -> ended(v, t);
            case NO_CONNECTION -> noConnection(v, t);
            case LOCKED -> locked(v, t);
            case SERVICE_PIN -> pin(v, t);
            case SERVICE -> service(v, t);
            case NOT_SET_UP -> notSetUp(t);
        };
        screen.setName(v.screen().name());
        return screen;
    }

    static JPanel page(KioskTheme theme) {
        JPanel p = new JPanel(new BorderLayout(theme.gap(), theme.gap()));
        p.setBackground(KioskTheme.BACKGROUND);
        return padded(p, theme.gap() * 2);
    }

    static JPanel column() {
        JPanel c = new JPanel();
        c.setLayout(new BoxLayout(c, BoxLayout.Y_AXIS));
        c.setOpaque(false);
        return c;
    }

    // ------------------------------------------------------------------ idle

    private JComponent idle(KioskView v, Texts t) {
        JPanel page = page(theme);
        page.add(topBar(v, t), BorderLayout.NORTH);

        JPanel middle = column();
        if (v.workerName() != null) {
            middle.add(para(t.get("idle.worker", v.workerName()), theme.font(1.2, false), KioskTheme.TEXT));
            middle.add(Box.createVerticalStrut(theme.gap()));
        }
        if (v.nextVisit() != null && v.visitSoon()) {
            String at = time(v, v.nextVisit().start());
            JLabel soon = para(v.nextVisit().workerName() != null ? t.get("idle.visitSoon", v.nextVisit().workerName(), at)
                    : t.get("idle.visitSoonNoName", at), theme.font(1.3, true), Color.BLACK);
            soon.setOpaque(true);
            soon.setBackground(KioskTheme.WARNING);
            soon.setBorder(BorderFactory.createEmptyBorder(theme.gap(), theme.gap(), theme.gap(), theme.gap()));
            middle.add(soon);
        } else if (v.nextVisit() != null) {
            String when = dayAndTime(v, t, v.nextVisit().start());
            middle.add(para(v.nextVisit().workerName() != null ? t.get("idle.nextVisitWith", when, v.nextVisit().workerName())
                    : t.get("idle.nextVisit", when), theme.font(1.1, false), KioskTheme.MUTED_TEXT));
        } else {
            middle.add(text(t.get("idle.noVisit"), theme.font(1.0, false), KioskTheme.MUTED_TEXT));
        }
        if (v.missedCallFrom() != null) {
            middle.add(Box.createVerticalStrut(theme.gap()));
            middle.add(para(t.get("idle.missed", v.missedCallFrom(), time(v, v.missedCallAt())), theme.font(1.0, true),
                    KioskTheme.WARNING));
        }
        page.add(middle, BorderLayout.CENTER);

        var call = button(t.get("idle.call"), KioskTheme.GO, theme, actions::callWorker);
        call.setFont(theme.font(1.6, true));
        call.setPreferredSize(new Dimension(theme.width(), (int) (theme.buttonHeight() * 1.4)));
        page.add(call, BorderLayout.SOUTH);
        return page;
    }

    /** Clock and date on the left (hold it for the service screen), the connection in words on the right. */
    private JComponent topBar(KioskView v, Texts t) {
        JPanel bar = row();
        ZonedDateTime now = v.now().atZone(v.zone());
        JPanel clock = column();
        JLabel time = text(now.format(DateTimeFormatter.ofPattern("HH:mm", v.locale())), theme.font(2.6, true), KioskTheme.TEXT);
        time.setName("clock");
        clock.add(time);
        clock.add(text(capitalised(now.format(DateTimeFormatter.ofPattern("EEEE d. MMMM", v.locale()))), theme.font(1.0, false),
                KioskTheme.MUTED_TEXT));
        whenHeld(clock, actions::longPress);
        bar.add(clock, BorderLayout.WEST);
        bar.add(lineIndicator(v.line(), t), BorderLayout.EAST);
        return bar;
    }

    JComponent lineIndicator(LineWords line, Texts t) {
        Color dot = switch (line) {
            case GOOD, CONNECTED -> KioskTheme.GOOD_LINE;
            case AUDIO_ONLY, WEAK, CONNECTING -> KioskTheme.POOR_LINE;
            case NONE -> KioskTheme.NO_LINE;
        };
        JLabel l = new JLabel("● " + t.get("line." + line.name()));
        l.setName("line");
        l.setFont(theme.font(1.1, true));
        l.setForeground(dot);
        l.setVerticalAlignment(JLabel.TOP);
        return l;
    }

    private static void whenHeld(JComponent c, Runnable action) {
        Timer hold = new Timer(LONG_PRESS_MS, e -> action.run());
        hold.setRepeats(false);
        c.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                hold.restart();
            }

            @Override
            public void mouseReleased(MouseEvent e) {
                hold.stop();
            }

            @Override
            public void mouseExited(MouseEvent e) {
                hold.stop();
            }
        });
    }

    // ------------------------------------------------------------------ after a call, trouble, lock

    private JComponent ended(KioskView v, Texts t) {
        JPanel page = page(theme);
        String detail = v.ending() == KioskView.Ending.ENDED && v.callLength() != null
                ? t.get("ended.length", v.callLength().toMinutes(), v.callLength().toSecondsPart())
                : t.get("ended.tryLater");
        page.add(message(theme, centred(t.get("ended." + v.ending().name()), theme.font(1.8, true), KioskTheme.TEXT, theme),
                centred(detail, theme.font(1.2, false), KioskTheme.MUTED_TEXT, theme)), BorderLayout.CENTER);
        return page;
    }

    private JComponent noConnection(KioskView v, Texts t) {
        JPanel page = page(theme);
        JPanel head = row();
        head.add(text(t.get("noConnection.title"), theme.font(1.8, true), KioskTheme.NO_LINE), BorderLayout.WEST);
        page.add(head, BorderLayout.NORTH);
        JPanel tips = column();
        for (int i = 1; i <= 3; i++) {
            tips.add(para(i + ". " + t.get("noConnection.try" + i), theme.font(1.05, false), KioskTheme.TEXT));
            tips.add(Box.createVerticalStrut(theme.gap() / 2));
        }
        page.add(tips, BorderLayout.CENTER);
        JPanel id = column();
        JLabel number = para(t.get("noConnection.deviceId", v.deviceId()), theme.font(1.6, true), KioskTheme.WARNING);
        number.setName("deviceId");
        // IT support on the phone may need the line figures exactly now: hold the number for the service screen.
        whenHeld(number, actions::longPress);
        id.add(number);
        id.add(para(t.get("noConnection.readAloud") + (v.supportContact() != null ? " " + v.supportContact() : ""),
                theme.font(0.95, false), KioskTheme.MUTED_TEXT));
        page.add(id, BorderLayout.SOUTH);
        return page;
    }

    private JComponent locked(KioskView v, Texts t) {
        JPanel page = page(theme);
        JLabel contact = centred(v.supportContact() != null ? t.get("locked.contact", v.supportContact())
                : t.get("locked.contactDefault"), theme.font(1.2, false), KioskTheme.TEXT, theme);
        JLabel title = centred(t.get("locked.title"), theme.font(1.9, true), KioskTheme.TEXT, theme);
        page.add(v.lockMessage() == null || v.lockMessage().isBlank() ? message(theme, title, contact)
                : message(theme, title, contact, centred(t.get("locked.message", v.lockMessage()), theme.font(1.0, false),
                        KioskTheme.MUTED_TEXT, theme)), BorderLayout.CENTER);
        page.add(centred(v.deviceId(), theme.font(0.9, false), KioskTheme.MUTED_TEXT, theme), BorderLayout.SOUTH);
        return page;
    }

    private JComponent notSetUp(Texts t) {
        JPanel page = page(theme);
        page.add(message(theme, centred(t.get("notSetUp.title"), theme.font(1.9, true), KioskTheme.TEXT, theme),
                centred(t.get("notSetUp.contact"), theme.font(1.2, false), KioskTheme.TEXT, theme)), BorderLayout.CENTER);
        return page;
    }

    /** A title and its lines, centred on the page: the shape of every screen that only says something. */
    static JPanel message(KioskTheme theme, JLabel title, JLabel... lines) {
        JPanel middle = column();
        middle.add(Box.createVerticalGlue());
        middle.add(centredRow(title));
        for (int i = 0; i < lines.length; i++) {
            middle.add(Box.createVerticalStrut(i == 0 ? theme.gap() * 2 : theme.gap()));
            middle.add(centredRow(lines[i]));
        }
        middle.add(Box.createVerticalGlue());
        return middle;
    }

    // ------------------------------------------------------------------ service

    private JComponent pin(KioskView v, Texts t) {
        JPanel page = page(theme);
        JPanel head = row();
        head.add(text(t.get("service.pinTitle") + "   " + "●".repeat(v.pinDigits()), theme.font(1.3, true), KioskTheme.TEXT),
                BorderLayout.WEST);
        if (v.pinWrong()) {
            head.add(text(t.get("service.pinWrong"), theme.font(1.0, true), KioskTheme.NO_LINE), BorderLayout.EAST);
        }
        page.add(head, BorderLayout.NORTH);
        JPanel keys = new JPanel(new GridLayout(4, 3, theme.gap(), theme.gap()));
        keys.setOpaque(false);
        for (int d : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9}) {
            keys.add(button(Integer.toString(d), KioskTheme.NEUTRAL, theme, () -> actions.pinDigit(d)));
        }
        keys.add(button(t.get("service.close"), KioskTheme.STOP, theme, actions::closeService));
        keys.add(button("0", KioskTheme.NEUTRAL, theme, () -> actions.pinDigit(0)));
        keys.add(Box.createGlue());
        page.add(keys, BorderLayout.CENTER);
        return page;
    }

    private JComponent service(KioskView v, Texts t) {
        JPanel page = page(theme);
        page.add(text(t.get("service.title"), theme.font(1.3, true), KioskTheme.TEXT), BorderLayout.NORTH);
        JPanel rows = new JPanel(new GridLayout(0, 2, theme.gap(), 2));
        rows.setOpaque(false);
        for (KioskView.ServiceRow r : v.service()) {
            rows.add(text(t.get(r.labelKey()), theme.font(0.8, false), KioskTheme.MUTED_TEXT));
            rows.add(text(r.value(), theme.font(0.8, true), KioskTheme.TEXT));
        }
        page.add(rows, BorderLayout.CENTER);
        JPanel south = new JPanel(new FlowLayout(FlowLayout.RIGHT, 0, 0));
        south.setOpaque(false);
        south.add(button(t.get("service.close"), KioskTheme.NEUTRAL, theme, actions::closeService));
        page.add(south, BorderLayout.SOUTH);
        return page;
    }

    // ------------------------------------------------------------------ helpers

    /** A paragraph as wide as the page's content. */
    private JLabel para(String words, Font font, Color color) {
        // Swing's HTML pixels are about 4/3 of the screen's.
        return Widgets.paragraph(words, font, color, theme.lineWidth() * 3 / 4);
    }

    /** A see-through strip whose parts go west, centre and east. */
    static JPanel row() {
        JPanel row = new JPanel(new BorderLayout());
        row.setOpaque(false);
        return row;
    }

    /** {@code c} centred across the page, no taller than it is: a column's glue, not its rows, takes the spare height. */
    static JComponent centredRow(JComponent c) {
        JPanel row = row();
        row.add(c, BorderLayout.CENTER);
        row.setMaximumSize(new Dimension(Integer.MAX_VALUE, row.getPreferredSize().height));
        return row;
    }

    private static String time(KioskView v, Instant at) {
        return at.atZone(v.zone()).format(DateTimeFormatter.ofPattern("HH:mm", v.locale()));
    }

    /** "i dag kl. 10:00", "i morgen kl. 10:00", else the weekday and date. */
    static String dayAndTime(KioskView v, Texts t, Instant at) {
        ZonedDateTime when = at.atZone(v.zone());
        ZonedDateTime now = v.now().atZone(v.zone());
        String time = when.format(DateTimeFormatter.ofPattern("HH:mm", v.locale()));
        if (when.toLocalDate().equals(now.toLocalDate())) {
            return t.get("when.today", time);
        }
        if (when.toLocalDate().equals(now.toLocalDate().plusDays(1))) {
            return t.get("when.tomorrow", time);
        }
        return t.get("when.day", when.format(DateTimeFormatter.ofPattern("EEEE d. MMMM", v.locale())), time);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
