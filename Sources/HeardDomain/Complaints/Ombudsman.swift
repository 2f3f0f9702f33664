/// The Ombudsman a complainant can go to once local resolution ends. Regulation 14(2) of SI 2009/309: for a
/// complaint about a council's social services, the Local Commissioner (the Local Government and Social Care
/// Ombudsman); in any other case, the Parliamentary and Health Service Ombudsman.
public struct Ombudsman: Equatable, Sendable {
    public var name: String
    public var shortName: String
    /// The address people are given, without the scheme: "www.ombudsman.org.uk".
    public var website: String

    public init(name: String, shortName: String, website: String) {
        self.name = name
        self.shortName = shortName
        self.website = website
    }

    public static let parliamentaryAndHealthService = Ombudsman(
        name: "Parliamentary and Health Service Ombudsman", shortName: "PHSO", website: "www.ombudsman.org.uk")
    public static let localGovernmentAndSocialCare = Ombudsman(
        name: "Local Government and Social Care Ombudsman", shortName: "LGSCO", website: "www.lgo.org.uk")

    public var url: String { "https://" + website }
}

extension ComplaintResponse {
    /// Which Ombudsman the response names, from the kind of organisation that runs the service complained about:
    /// a council's services are its social care, so the LGSCO; every NHS body (and anyone else) the PHSO.
    public static func ombudsman(for kind: OrganisationKind) -> Ombudsman {
        kind == .council ? .localGovernmentAndSocialCare : .parliamentaryAndHealthService
    }
}
