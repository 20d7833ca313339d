package dk.bostotte.fleet.config;

import java.util.List;

/**
 * The organisation's figures for the report: how many citizens are in the target group, the
 * milestones it measures adoption against (a number of citizens, or a share of the target group
 * such as {@code 10%}), and the rates the savings estimate uses.
 */
public record ReportConfig(int targetGroup, List<String> milestones, double mileageRateDkkPerKm, double hourlyCostDkk) {

    public ReportConfig {
        milestones = List.copyOf(milestones);
        for (String m : milestones) {
            if (!m.matches("\\d{1,6}%?")) {
                throw new IllegalArgumentException("report.milestones: '" + m + "' is neither a number of citizens nor a percentage like 10%");
            }
        }
    }

    static ReportConfig load(Settings s) {
        List<String> milestones = s.getList("report.milestones");
        return new ReportConfig(s.getInt("report.target.group", 100, 1, 1_000_000),
                milestones.isEmpty() ? List.of("50", "10%") : milestones,
                // The Danish state's 2025 rate for business driving ("høj sats") and a worker-hour.
                s.getDouble("report.mileage.rate.dkk", 3.79), s.getDouble("report.hourly.cost.dkk", 450));
    }

    /** The milestone as a number of citizens. */
    public int citizens(String milestone) {
        return milestone.endsWith("%")
                ? (int) Math.ceil(targetGroup * Integer.parseInt(milestone.substring(0, milestone.length() - 1)) / 100.0)
                : Integer.parseInt(milestone);
    }
}
