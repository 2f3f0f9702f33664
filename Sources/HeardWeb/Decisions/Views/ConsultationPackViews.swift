import HeardDomain
import HeardStorage
import Vapor

/// The parts of the staff consultation page about the pack itself: whether it is ready to open, and how plain
/// its public text is.
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

    /// Reading-age and jargon warnings on the pack's public text. They do not stop anything.
    static func wording(_ consultation: Consultation, checker: QuestionChecker) -> HTMLNode {
        let warnings = checker.packWarnings(
            background: consultation.background, options: consultation.options,
            discardedAlternatives: consultation.discardedAlternatives, reasons: consultation.reasons)
        return .fragment([
            h2(.id("pack-wording")) { "Pack wording" },
            warnings.isEmpty
                ? p { "The background, options, alternatives set aside and reasons read plainly: no warnings." }
                : div {
                    p {
                        "People read the pack before they answer. NHS content aims at a reading age of 9 to 11. These warnings do not stop the consultation:"
                    }
                    ul(.class("warning-list")) {
                        for warning in warnings { li { warning.message } }
                    }
                },
        ])
    }
}
