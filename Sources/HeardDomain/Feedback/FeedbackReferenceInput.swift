import Foundation

/// A feedback reference as a person types it from a receipt or the thank-you page: any case, spaces, with or
/// without "HRD-". Pure, so the page and its tests read it the same way.
public enum FeedbackReferenceInput {
    /// The letters and digits references are made of: no 0, 1, I or O, which are easily misread.
    public static let characters = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
    public static let alphabet = Set(characters)
    public static let example = "HRD-7K2M9QXD"

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case malformed(String)

        public var description: String {
            switch self {
            case .empty:
                "Enter your reference. It starts HRD- and is on the thank-you page and in any e-mail we sent you, like \(example)."
            case .malformed(let typed):
                "\"\(typed.prefix(40))\" is not a reference: a reference is HRD- and 8 letters and numbers, like \(example). References have no 0, 1, I or O: check for an 8, B, 7 or Q."
            }
        }
    }

    /// The reference as stored ("HRD-7K2M9QXD"), or why what was typed cannot be one.
    public static func read(_ raw: String) -> Result<String, Problem> {
        // Copied from a sentence ("quote your reference, HRD-7K2M9QXD."), it may bring the full stop or quotes.
        let compact = raw.uppercased().filter { !$0.isWhitespace && $0 != "-" }
            .trimmingCharacters(in: .init(charactersIn: ".,;:!?\"'()[]“”‘’"))
        guard !compact.isEmpty else { return .failure(.empty) }
        let code = compact.hasPrefix("HRD") ? String(compact.dropFirst(3)) : compact
        guard code.count == 8, code.allSatisfy(alphabet.contains) else {
            return .failure(.malformed(raw.trimmingWhitespace()))
        }
        return .success("HRD-" + code)
    }
}
