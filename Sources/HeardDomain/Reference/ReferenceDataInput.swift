/// The fields of an organisation, place or service as typed into a form or API, checked before saving.
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
        let name = name.trimmingWhitespace()
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
        let name = name.trimmingWhitespace()
        if let problem = NameRule.problem(name, what: "the place") {
            throw ValidationFailure([FieldError("name", problem)])
        }
        return (name, Slug.make(name))
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
        let name = name.trimmingWhitespace()
        if let problem = NameRule.problem(name, what: "the service") { errors.append(FieldError("name", problem)) }
        let summary = summary.trimmingWhitespace()
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

/// URL-safe lower-case names: "Bradford District" → "bradford-district".
public enum Slug {
    public static func make(_ text: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingHyphen, !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                if scalar.isASCII { slug.unicodeScalars.append(scalar) }
            } else {
                pendingHyphen = true
            }
        }
        return slug
    }
}
