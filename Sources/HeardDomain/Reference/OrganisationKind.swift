/// The kinds of body found in an integrated care system.
public enum OrganisationKind: String, CaseIterable, Codable, Sendable {
    case integratedCareBoard = "icb"
    case trust
    case council
    case healthwatch
    case gpPractice = "gp_practice"
    case primaryCareNetwork = "pcn"
    case voluntarySector = "voluntary"

    public var title: String {
        switch self {
        case .integratedCareBoard: "Integrated care board"
        case .trust: "NHS trust"
        case .council: "Council"
        case .healthwatch: "Healthwatch"
        case .gpPractice: "GP practice"
        case .primaryCareNetwork: "Primary care network"
        case .voluntarySector: "Voluntary or community organisation"
        }
    }
}
