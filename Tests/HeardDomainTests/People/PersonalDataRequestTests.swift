import HeardDomain
import Testing

@Suite("Requests about personal data: what is searched for")
struct PersonalDataRequestRulesTests {
    @Test(
        "the name an address may hold is its runs of three or more letters",
        arguments: [
            ("Zelda.Quibble@example.org", "zelda quibble"), ("jo_bloggs99@example.org", "bloggs"),
            ("zq@example.org", nil), ("j.smith@example.org", "smith"),
        ] as [(String, String?)])
    func nameInAddress(_ email: String, _ expected: String?) throws {
        let request = try PersonalDataRequest.parse(email: email, reference: "").get()
        #expect(request.nameInAddress == expected)
    }

    @Test func aReferenceAloneHoldsNoName() throws {
        #expect(try PersonalDataRequest.parse(email: "", reference: "HRD-7K3Q9XAB").get().nameInAddress == nil)
    }

    @Test("what was typed is quoted back in full only when it is short")
    func longInputIsShortened() {
        let short = PersonalDataRequest.parse(email: "jo bloggs", reference: "")
        #expect(short == .failure(.implausibleEmail("jo bloggs")))
        #expect(
            PersonalDataRequest.Problem.implausibleEmail("jo bloggs").description
                == "\"jo bloggs\" is not an e-mail address: enter it like name@example.com.")
        let pasted = String(repeating: "x", count: 5000)
        #expect(
            PersonalDataRequest.Problem.implausibleEmail(pasted).description
                == "\"\(String(repeating: "x", count: 60))…\" is not an e-mail address: enter it like name@example.com."
        )
        #expect(
            PersonalDataRequest.Problem.implausibleReference(pasted).description
                == "\"\(String(repeating: "x", count: 60))…\" is not a Heard reference: they look like HRD-7K3Q9XAB.")
    }
}
