import Testing

@testable import HeardText

@Suite struct RedactorTests {
    let redactor = Redactor()

    @Test func redactsEmailAddresses() {
        let result = redactor.redact("Email me at jane.doe+nhs@example.co.uk please.")
        #expect(result.text == "Email me at [email] please.")
        #expect(result.kinds == [.email])
    }

    @Test(arguments: [
        ("Call 07700 900123 today", "Call [phone] today"),
        ("ring 0113 496 0000.", "ring [phone]."),
        ("on +44 7700 900123", "on [phone]"),
        ("on +44 (0)113 496 0000", "on [phone]"),
        ("number (0113) 4960000 ok", "number [phone] ok"),
        ("tel 01134960000", "tel [phone]"),
    ])
    func redactsUKPhoneNumbers(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.phone])
    }

    @Test(arguments: [
        ("I live at LS1 4AB now", "I live at [postcode] now"),
        ("postcode ls14ab.", "postcode [postcode]."),
        ("near M1 1AE", "near [postcode]"),
        ("EC1A 1BB is here", "[postcode] is here"),
    ])
    func redactsPostcodes(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.postcode])
    }

    @Test(arguments: [
        ("my NHS number is 943 476 5919.", "my NHS number is [NHS number]."),
        ("nhs no 9434765919", "nhs no [NHS number]"),
        ("ref 943-476-5919 thanks", "ref [NHS number] thanks"),
    ])
    func redactsValidNhsNumbers(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.nhsNumber])
    }

    @Test func leavesInvalidNhsNumbersAlone() {
        let result = redactor.redact("number 943 476 5918 is wrong")
        #expect(result.text == "number 943 476 5918 is wrong")
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        "Waited 10 hours in A&E", "I was on ward 23 for 3 days", "Rang 111 and then 999", "On 12/03/2023 at 10:30",
        "It cost £1,250.00", "Scored 5 out of 10", "Seen in room 4B", "Took 20-30 minutes", "1 2 3 4 5 6 7 8 9 10",
        "24/7 service", "M62 was closed", "Bay 3, bed 12", "A1 road",
    ])
    func leavesOrdinaryNumbersAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        ("Dr Patel was great", "Dr [name] was great"),
        ("Dr. Patel was great", "Dr. [name] was great"),
        ("thanks to nurse Jane", "thanks to nurse [name]"),
        ("nurse Jane Smith helped", "nurse [name] helped"),
        ("Mrs o'Brien", "Mrs [name]"),
        ("saw dr patel today", "saw dr [name] today"),
    ])
    func redactsNamesAfterTitlesAndRoles(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.name])
    }

    @Test(arguments: [
        "The nurse was lovely", "Dr was lovely", "the Nurse Practitioner was kind", "the doctor I saw",
        "training over MS teams", "waiting for an MR scan",
    ])
    func leavesRolesWithoutNamesAlone(_ input: String) {
        #expect(redactor.redact(input).text == input)
    }

    @Test func reportsEveryKindAndSpan() {
        let text = "Dr Patel, a@b.com, 07700 900123, LS1 4AB, 943 476 5919"
        let result = redactor.redact(text)
        #expect(result.text == "Dr [name], [email], [phone], [postcode], [NHS number]")
        #expect(Set(result.kinds) == Set(PersonalDataKind.allCases))
        #expect(result.spans.count == 5)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[result.spans[0].utf8Range], as: UTF8.self) == "Patel")
    }

    @Test func keepsNonASCIITextIntact() {
        let text = "Très bien — merci ✓ café"
        #expect(redactor.redact(text).text == text)
    }
}
