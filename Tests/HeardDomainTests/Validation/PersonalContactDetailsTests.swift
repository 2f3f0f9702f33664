import Testing

@testable import HeardDomain

@Suite struct PersonalContactDetailsTests {
    @Test(arguments: ["07700 900123", "07700-900-123", "+44 7700 900123", "+44 (0)7700 900123", "0044 7700 900123"])
    func mobileNumbers(_ number: String) {
        #expect(PersonalContactDetails.isMobileNumber(number))
    }

    @Test(arguments: ["0113 496 0000", "(0113) 4960000", "0300 123 4567", "0800 123 4567", "+44 113 496 0000"])
    func landlinesAndServiceNumbers(_ number: String) {
        #expect(!PersonalContactDetails.isMobileNumber(number))
    }

    @Test(arguments: [
        "zelda.quibble@gmail.com", "Z.Quibble@Hotmail.co.uk", "someone@yahoo.com", "me@live.co.uk",
        "x@btinternet.com", "x@icloud.com",
    ])
    func personalEmail(_ address: String) {
        #expect(PersonalContactDetails.isPersonalEmail(address))
    }

    @Test(arguments: [
        "engagement@calder.example", "pals@leedsth.nhs.uk", "jane.smith@nhs.net", "info@healthwatchleeds.co.uk",
        "enquiries@leeds.gov.uk", "x@livewell.org.uk",
    ])
    func organisationEmail(_ address: String) {
        #expect(!PersonalContactDetails.isPersonalEmail(address))
    }
}
