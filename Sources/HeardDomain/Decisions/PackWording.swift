/// Plain-English checks on a consultation pack's public text (domain rules §8): the same reading-age and jargon
/// checks as survey questions, on the background, the options, the alternatives set aside and the reasons.
/// Warnings only: the pack is what G2 needs, and a hard sentence is a reason to rewrite, not to refuse.
public struct PackWordingWarning: Sendable, Equatable {
    /// The pack form's field name: "background", "options", "discarded_alternatives" or "reasons".
    public var field: String
    public var problem: QuestionProblem
    /// One sentence saying which part, what is wrong and what to do.
    public var message: String

    public init(field: String, problem: QuestionProblem, message: String) {
        self.field = field
        self.problem = problem
        self.message = message
    }
}

extension QuestionChecker {
    /// Each part of the pack as the public sees it: form field name, what the page calls it, and its verb.
    public static let packParts: [(field: String, name: String, verb: String)] = [
        ("background", "The background", "is"), ("options", "The options", "are"),
        ("discarded_alternatives", "The alternatives set aside", "are"), ("reasons", "The reasons", "are"),
    ]

    /// Warnings for the pack, part by part in the order the public page shows them.
    public func packWarnings(
        background: String, options: String, discardedAlternatives: String, reasons: String
    ) -> [PackWordingWarning] {
        let texts = [background, options, discardedAlternatives, reasons]
        var warnings: [PackWordingWarning] = []
        for (part, text) in zip(Self.packParts, texts) {
            let readability = Readability(text)
            if isHardToRead(readability) {
                warnings.append(
                    PackWordingWarning(
                        field: part.field, problem: .hardToRead,
                        message:
                            "\(part.name) \(part.verb) hard to read (reading age \(readingAgeText(readability)), the target is \(Int(targetReadingAge)) or under): use shorter sentences and everyday words."
                    ))
            }
            for warning in jargonWarnings(text) {
                warnings.append(
                    PackWordingWarning(
                        field: part.field, problem: warning.problem,
                        message: "\(part.name): \(warning.explanation) \(warning.hint)"))
            }
        }
        return warnings
    }
}
