import HeardDomain
import HeardStorage
import Vapor

/// The parts of the staff consultation page about the pack itself: whether it is ready to open.
enum ConsultationPackViews {
    /// Said at the top of the page while the consultation lacks what people need (`missing`). It opens on its
    /// date whatever is missing, and an equality impact assessment added after that is too late (Gunning G2).
    static func readiness(_ missing: [String], state: ConsultationState, opens: SimpleDate) -> HTMLNode {
        let needsAssessment = missing.contains { $0.hasPrefix("an equality impact assessment") }
        return div(.class("warning-callout"), .role("note")) {
            strong {
                state == .open
                    ? "Open without \(GunningGate.list(missing)). "
                    : "Not ready to open on \(opens.ukText). "
            }
            if state == .open {
                needsAssessment
                    ? "People are responding without the assessment, so the decision will be refused under Gunning G2 even if it is added now: consult again with it in the pack. "
                        + (missing.count > 1 ? "People cannot answer online until it has questions." : "")
                    : "People cannot answer online until it has them. Add them now."
            } else {
                "Add \(GunningGate.list(missing)) before then, or move the opening date."
                    + (needsAssessment
                        ? " It opens on that date whether or not \(missing.count == 1 ? "it is" : "they are") in place, and the assessment must be in the pack before it opens: if it is added later, the decision will be refused (Gunning G2)."
                        : "")
            }
        }
    }
}
