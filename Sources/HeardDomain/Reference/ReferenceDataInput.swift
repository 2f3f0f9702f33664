import Foundation

/// The fields of an organisation, place or service as typed into a form or API, checked before saving. Names
/// and descriptions are published (pages, API, open data, e-mails), so they lose direction override controls
/// (`BidiControls`).
public struct OrganisationInput: Equatable, Sendable {
    public var name: String
    public var kind: String
    public var odsCode: String

    public init(name: String = "", kind: String = "", odsCode: String = "") {
        self.name = name
        self.kind = kind
        self.odsCode = odsCode
    }

    public func validated() throws(ValidationFailure) -> (name: String, kind: OrganisationKind, odsCode: String?) {
        var errors: [FieldError] = []
        let name = name.removingBidiControls().trimmingWhitespace()
        if let problem = NameRule.problem(name, what: "the organisation") { errors.append(FieldError("name", problem)) }
        let kind = OrganisationKind(rawValue: kind)
        if kind == nil { errors.append(FieldError("kind", "Select the kind of organisation.")) }
        let code = odsCode.trimmingWhitespace().uppercased()
        if !code.isEmpty, code.count > 10 || !code.allSatisfy({ $0.isLetter || $0.isNumber }) {
            errors.append(
                FieldError("ods_code", "Enter an ODS code of up to 10 letters and numbers, or leave it blank."))
        }
        guard errors.isEmpty, let kind else { throw ValidationFailure(errors) }
        return (name, kind, code.isEmpty ? nil : code)
    }
}

public struct PlaceInput: Equatable, Sendable {
    public var name: String

    public init(name: String = "") { self.name = name }

    public func validated() throws(ValidationFailure) -> (name: String, slug: String) {
        let name = name.removingBidiControls().trimmingWhitespace()
        if let problem = NameRule.problem(name, what: "the place") {
            throw ValidationFailure([FieldError("name", problem)])
        }
        return (name, Slug.make(name, orPrefix: "place"))
    }
}

public struct ServiceInput: Equatable, Sendable {
    public var name: String
    public var summary: String
    public var organisationID: String
    public var placeID: String

    public init(name: String = "", summary: String = "", organisationID: String = "", placeID: String = "") {
        self.name = name
        self.summary = summary
        self.organisationID = organisationID
        self.placeID = placeID
    }

    /// Checks the text fields; the caller checks that the organisation and place exist.
    public func validated() throws(ValidationFailure) -> (name: String, summary: String) {
        var errors: [FieldError] = []
        let name = name.removingBidiControls().trimmingWhitespace()
        if let problem = NameRule.problem(name, what: "the service") { errors.append(FieldError("name", problem)) }
        let summary = summary.removingBidiControls().trimmingWhitespace()
        if summary.count > 1000 {
            errors.append(FieldError("summary", "Describe the service in 1,000 characters or fewer."))
        }
        if organisationID.isEmpty {
            errors.append(FieldError("organisation_id", "Select the organisation that runs the service."))
        }
        if placeID.isEmpty { errors.append(FieldError("place_id", "Select the place where the service is.")) }
        guard errors.isEmpty else { throw ValidationFailure(errors) }
        return (name, summary)
    }
}

enum NameRule {
    static func problem(_ name: String, what: String) -> String? {
        if name.isEmpty { return "Enter the name of \(what)." }
        if name.count > 200 { return "Enter a name of 200 characters or fewer." }
        return nil
    }
}

/// URL-safe lower-case names: "Bradford District" → "bradford-district", "Ynys Môn" → "ynys-mon".
public enum Slug {
    /// Letters without a decomposition that Latin-script names still use.
    static let foldedLetters: [Character: String] = [
        "æ": "ae", "œ": "oe", "ø": "o", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    ]

    /// Accents are dropped ("Café" → "cafe") rather than the letters; a name with no Latin letters or digits
    /// at all ("東京") gives "" and the caller chooses a fallback.
    public static func make(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        let folded = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
        for character in folded {
            let ascii = character.isASCII ? String(character) : foldedLetters[character]
            if let ascii, ascii.allSatisfy({ $0.isLetter || $0.isNumber }) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug += ascii
            } else if character.isLetter || character.isNumber {
                // A letter with no Latin spelling (another script) is skipped, not a word break.
                continue
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }

    /// `make`, or for a name it cannot spell ("東京", "!!!") a stable `prefix-` plus a short hash of the name,
    /// so the web address is never empty and two different names never share one.
    public static func make(_ text: String, orPrefix prefix: String) -> String {
        let slug = make(text)
        guard slug.isEmpty else { return slug }
        var hash: UInt32 = 2_166_136_261  // FNV-1a
        for byte in text.utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return prefix + "-" + String(repeating: "0", count: 8 - hex.count) + hex
    }
}
