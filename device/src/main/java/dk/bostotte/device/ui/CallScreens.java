package dk.bostotte.device.ui;

import static dk.bostotte.device.ui.KioskScreens.centredRow;
import static dk.bostotte.device.ui.KioskScreens.column;
import static dk.bostotte.device.ui.KioskScreens.page;
import static dk.bostotte.device.ui.Widgets.button;
import static dk.bostotte.device.ui.Widgets.centred;
import static dk.bostotte.device.ui.Widgets.text;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * The call screens: incoming (answer, decline, the auto-answer warning), outgoing, connecting, and
 * the call itself with the other side's video filling the screen, the citizen's own picture in a
 * corner, and a sign that is always clear about whether the camera is live.
 */
final class CallScreens {

    private final KioskTheme theme;
    private final KioskActions actions;
    private final VideoSurface remote;
    private final VideoSurface self;

    CallScreens(KioskTheme theme, KioskActions actions, VideoSurface remote, VideoSurface self) {
        this.theme = theme;
        this.actions = actions;
        this.remote = remote;
        this.self = self;
    }

    JComponent incoming(KioskView v, Texts t) {
        JPanel page = page(theme);
        JPanel middle = column();
        middle.add(Box.createVerticalGlue());
        middle.add(centredRow(centred(t.get("incoming.calling", v.other()), theme.font(2.0, true), KioskTheme.TEXT, theme)));
        if (v.autoAnswerInS() != null) {
            middle.add(Box.createVerticalStrut(theme.gap() * 2));
            JPanel warning = new JPanel(new GridLayout(0, 1));
            warning.setBackground(KioskTheme.WARNING);
            warning.setBorder(BorderFactory.createEmptyBorder(theme.gap(), theme.gap(), theme.gap(), theme.gap()));
            JLabel countdown = centred("⚠ " + t.get("incoming.autoAnswer", v.autoAnswerInS()), theme.font(1.4, true), Color.BLACK, theme);
            countdown.setName("autoAnswerWarning");
            warning.add(countdown);
            warning.add(centred(t.get("incoming.autoAnswerHint"), theme.font(1.0, false), Color.BLACK, theme));
            // No taller than its words: the glue above and below centres it with the caller's name.
            warning.setMaximumSize(new Dimension(Integer.MAX_VALUE, warning.getPreferredSize().height));
            middle.add(warning);
        }
        middle.add(Box.createVerticalGlue());
        page.add(middle, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new GridLayout(1, 2, theme.gap() * 3, 0));
        buttons.setOpaque(false);
        buttons.add(button(t.get("incoming.decline"), KioskTheme.STOP, theme, actions::decline));
        buttons.add(button(t.get("incoming.answer"), KioskTheme.GO, theme, actions::answer));
        page.add(buttons, BorderLayout.SOUTH);
        return page;
    }

    JComponent outgoing(KioskView v, Texts t) {
        return waiting(t.get("outgoing.calling"), t.get("outgoing.wait"), t);
    }

    JComponent connecting(KioskView v, Texts t) {
        return waiting(v.other() != null ? t.get("connecting.title", v.other()) : t.get("connecting.you"), null, t);
    }

    private JComponent waiting(String title, String detail, Texts t) {
        JPanel page = page(theme);
        JLabel heading = centred(title, theme.font(1.8, true), KioskTheme.TEXT, theme);
        page.add(detail == null ? KioskScreens.message(theme, heading)
                : KioskScreens.message(theme, heading, centred(detail, theme.font(1.1, false), KioskTheme.MUTED_TEXT, theme)),
                BorderLayout.CENTER);
        JPanel south = new JPanel(new GridLayout(1, 1));
        south.setOpaque(false);
        south.add(button(t.get("call.hangUp"), KioskTheme.STOP, theme, actions::hangUp));
        page.add(south, BorderLayout.SOUTH);
        return page;
    }

    JComponent inCall(KioskView v, Texts t) {
        JPanel page = new JPanel(new BorderLayout());
        page.setBackground(Color.BLACK);

        JPanel signs = new JPanel(new WrappingFlowLayout(FlowLayout.LEFT, theme.gap(), theme.gap() / 2));
        signs.setBackground(KioskTheme.BACKGROUND);
        JLabel camera = sign(v.cameraOff() ? "■ " + t.get("call.cameraIsOff") : "● " + t.get("call.cameraLive"),
                v.cameraOff() ? KioskTheme.NEUTRAL : KioskTheme.STOP);
        camera.setName(v.cameraOff() ? "cameraOffSign" : "cameraLiveSign");
        signs.add(camera);
        if (v.muted()) {
            signs.add(sign(t.get("call.mutedSign"), KioskTheme.NEUTRAL));
        }
        if (v.audioOnly()) {
            signs.add(sign(t.get("call.audioOnly"), KioskTheme.POOR_LINE));
        }
        page.add(signs, BorderLayout.NORTH);

        JPanel video = new JPanel(null) {
            @Override
            public void doLayout() {
                // The other side fills the screen; the citizen's own picture sits in the corner.
                int w = getWidth();
                int h = getHeight();
                remote.setBounds(0, 0, w, h);
                int sw = Math.max(theme.minTouchPx() * 2, w / 5);
                int sh = sw * 3 / 4;
                self.setBounds(w - sw - theme.gap(), h - sh - theme.gap(), sw, sh);
            }
        };
        video.setBackground(Color.BLACK);
        video.setName("video");
        if (!v.cameraOff() && !v.audioOnly()) {
            video.add(self);
        }
        video.add(remote);
        page.add(video, BorderLayout.CENTER);

        // Upright, three side by side would be too narrow for their words: one above the other.
        boolean portrait = theme.height() > theme.width();
        JPanel controls = new JPanel(portrait ? new GridLayout(3, 1, 0, theme.gap()) : new GridLayout(1, 3, theme.gap() * 2, 0));
        controls.setBackground(KioskTheme.BACKGROUND);
        controls.setBorder(BorderFactory.createEmptyBorder(theme.gap(), theme.gap(), theme.gap(), theme.gap()));
        controls.add(button(t.get(v.muted() ? "call.unmute" : "call.mute"), KioskTheme.NEUTRAL, theme,
                () -> actions.mute(!v.muted())));
        controls.add(button(t.get(v.cameraOff() ? "call.cameraOn" : "call.cameraOff"), KioskTheme.NEUTRAL, theme,
                () -> actions.cameraOff(!v.cameraOff())));
        controls.add(button(t.get("call.hangUp"), KioskTheme.STOP, theme, actions::hangUp));
        page.add(controls, BorderLayout.SOUTH);
        return page;
    }

    private JLabel sign(String words, Color background) {
        JLabel l = new JLabel(words);
        l.setFont(theme.font(0.9, true));
        l.setForeground(Color.WHITE);
        l.setOpaque(true);
        l.setBackground(background);
        l.setBorder(BorderFactory.createEmptyBorder(4, theme.gap(), 4, theme.gap()));
        return l;
    }
}
