import HeardDomain
import Testing

/// Regulation 14(2) of SI 2009/309: the response names the Local Government and Social Care Ombudsman for a
/// council's social services, and the Parliamentary and Health Service Ombudsman in any other case.
@Suite("Which Ombudsman a complaint response names")
struct OmbudsmanTests {
    @Test("a council's service: the LGSCO; every other kind of organisation: the PHSO")
    func byOrganisationKind() {
        #expect(ComplaintResponse.ombudsman(for: .council) == .localGovernmentAndSocialCare)
        #expect(Ombudsman.localGovernmentAndSocialCare.name == "Local Government and Social Care Ombudsman")
        #expect(Ombudsman.localGovernmentAndSocialCare.shortName == "LGSCO")
        #expect(Ombudsman.localGovernmentAndSocialCare.url == "https://www.lgo.org.uk")
        for kind in OrganisationKind.allCases where kind != .council {
            #expect(ComplaintResponse.ombudsman(for: kind) == .parliamentaryAndHealthService, "\(kind)")
        }
        #expect(Ombudsman.parliamentaryAndHealthService.shortName == "PHSO")
        #expect(Ombudsman.parliamentaryAndHealthService.url == "https://www.ombudsman.org.uk")
    }

    @Test("a response that does not give the right names the Ombudsman it must")
    func missingRightNamesTheOmbudsman() {
        let today = SimpleDate(year: 2026, month: 12, day: 20)
        let clock = ComplaintClock(
            receivedOn: SimpleDate(year: 2026, month: 12, day: 2),
            acknowledgedOn: SimpleDate(year: 2026, month: 12, day: 3))
        let response = ComplaintResponse(
            respondedOn: today, howConsidered: "Spoke to the carers' team.", conclusions: "Partly upheld.",
            remedialAction: "Respite booking changed.", ombudsmanRightGiven: false, outcome: .partlyUpheld)
        let council = response.problems(clock: clock, today: today, ombudsman: .localGovernmentAndSocialCare)
        #expect(
            council.map(\.message) == [
                "The response must tell the complainant they can go to the Local Government and Social Care Ombudsman (www.lgo.org.uk): the service is run by a council, so it is that Ombudsman, not the Parliamentary and Health Service Ombudsman."
            ])
        let nhs = response.problems(clock: clock, today: today, ombudsman: .parliamentaryAndHealthService)
        #expect(
            nhs.map(\.message) == [
                "The response must tell the complainant they can go to the Parliamentary and Health Service Ombudsman (www.ombudsman.org.uk)."
            ])
    }
}
