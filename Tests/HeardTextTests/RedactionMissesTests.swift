import Testing

@testable import HeardText

/// Personal data the redactor used to miss (surnames with an ordinary word's ending, a name after a role and a
/// comma with no closing comma, Mastodon and Bluesky profile links, plain handles after "my username is" or
/// "on X as"), each with the ordinary text that must stay as written.
@Suite struct RedactionMissesTests {
    let redactor = Redactor()

    private func expectRedacted(_ input: String, _ expected: String, _ kind: PersonalDataKind) {
        let result = redactor.redact(input)
        #expect(result.text == expected, "\(input)")
        #expect(result.kinds == [kind], "\(input)")
    }

    private func expectUntouched(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty, "\(input)")
    }

    @Test(arguments: [
        ("called jane reed", "called [name]"),
        ("a nurse called jane reed was lovely", "a nurse called [name] was lovely"),
        ("my husband ian kelly was there", "my husband [name] was there"),
        ("the nurse called sarah manning.", "the nurse called [name]."),
        ("my name is sarah ahmed", "my name is [name]"),
        ("my son jack king really needs help", "my son [name] really needs help"),
        ("the receptionist, sarah reilly, was rude", "the receptionist, [name], was rude"),
    ])
    func takesASurnameWithAnOrdinaryWordsEnding(_ input: String, _ expected: String) {
        expectRedacted(input, expected, .name)
    }

    /// The same endings on ordinary words still end the name, and the surnames are only taken after a first name.
    @Test(arguments: [
        ("my son jack really needs help", "my son [name] really needs help"),
        ("my wife sue lovingly cared", "my wife [name] lovingly cared"),
        ("a nurse called jane tried to help", "a nurse called [name] tried to help"),
        ("my husband ian kindly drove", "my husband [name] kindly drove"),
        ("a nurse called jane reading my notes", "a nurse called [name] reading my notes"),
    ])
    func keepsOrdinaryWordsWithThoseEndings(_ input: String, _ expected: String) {
        expectRedacted(input, expected, .name)
    }

    @Test(arguments: [
        "the reed beds by the car park", "manning the desk alone", "the king of waiting times",
        "I called reed to ask",
    ])
    func leavesThoseSurnamesAloneElsewhere(_ input: String) {
        expectUntouched(input)
    }

    @Test(arguments: [
        ("the receptionist, Bryony was rude", "the receptionist, [name] was rude"),
        ("the nurse, Bryony Smith explained everything", "the nurse, [name] explained everything"),
        ("My consultant, Okafor never listened", "My consultant, [name] never listened"),
        ("the receptionist, Sarah was rude", "the receptionist, [name] was rude"),
    ])
    func takesANameAfterARoleAndACommaBeforeAVerb(_ input: String, _ expected: String) {
        expectRedacted(input, expected, .name)
    }

    @Test(arguments: [
        "Thank you to the nurse, Overall great", "thanks doctor, Excellent care", "the nurse, Much appreciated",
        "the receptionist, However was", "the doctor, Nurse was", "my wife, Children and I",
        "the nurse, Everything was fine", "Thanks doctor, Really pleased", "the nurse, Monday was busy",
        "the receptionist, Reception was busy", "the doctor, Very kind", "the nurse, Staff were lovely",
        "thank you nurse, Care was good",
    ])
    func leavesOrdinaryWordsAfterARoleAndACommaAlone(_ input: String) {
        expectUntouched(input)
    }

    /// A new clause after a thank-you to a role, starting with an everyday noun before a verb, is no name.
    @Test(arguments: [
        "thank you nurse, Food was cold", "the doctor, Parking was a nightmare", "the nurse, Tea was cold",
        "Thanks doctor, Communication could be better", "the nurse, Treatment was quick",
        "thank you nurse, Kindness is everything", "the receptionist, Phone never answered",
        "the consultant, Results came back quickly", "the midwife, Experience was great", "the nurse, This was",
        "the doctor, Overall was good", "thanks doctor, Waiting was long", "the nurse, Toilets were dirty",
        "thank you paramedic, Transport was quick", "the GP, Appointment was late",
        // A list after the comma: the closing comma is not a name's.
        "the nurse, Tea, toast and a smile", "thank you doctor, Communication, care and respect",
        "the nurse, Station was busy", "the nurse, Management never listens",
    ])
    func leavesAClauseStartingWithAnEverydayNounAlone(_ input: String) {
        expectUntouched(input)
    }

    /// Names that are not in the first-name list are still taken there, whatever their ending.
    @Test(arguments: [
        ("the nurse, Felicity was lovely", "the nurse, [name] was lovely"),
        ("the doctor, Grace was kind", "the doctor, [name] was kind"),
        ("the doctor, Clement was kind", "the doctor, [name] was kind"),
        ("the receptionist, Okafor told us", "the receptionist, [name] told us"),
        ("my consultant, Ms Patel explained", "my consultant, Ms [name] explained"),
    ])
    func stillTakesANameAfterARoleAndACommaBeforeAVerb(_ input: String, _ expected: String) {
        expectRedacted(input, expected, .name)
    }

    @Test(arguments: [
        ("see mastodon.social/@jane_s", "see [social media]"),
        ("https://mastodon.social/@jane_s.", "[social media]."),
        ("I'm at fosstodon.org/@jane", "I'm at [social media]"),
        ("toot me: social.example.org/@jane@mastodon.social", "toot me: [social media]"),
        ("bsky.app/profile/jane.bsky.social", "[social media]"),
        ("follow https://bsky.app/profile/jane.bsky.social!", "follow [social media]!"),
        ("https://bsky.app/profile/did:plc:abc123xyz", "[social media]"),
    ])
    func redactsMastodonAndBlueskyProfileLinks(_ input: String, _ expected: String) {
        expectRedacted(input, expected, .socialMedia)
    }

    @Test(arguments: [
        "bsky.app is where we post", "see bsky.app/about", "mastodon.social is a server",
        "the site example.org/@ was down", "and/or @ 3pm", "bsky.app/profile/",
    ])
    func leavesOtherLinksAlone(_ input: String) {
        expectUntouched(input)
    }

    @Test(arguments: [
        ("my username is janesmith", "my username is [social media]"),
        ("her user name was JaneS", "her user name was [social media]"),
        ("My handle: janesmith", "My handle: [social media]"),
        ("find me on X as janesmith", "find me on X as [social media]"),
        ("find me on Instagram as janesmith", "find me on Instagram as [social media]"),
        ("I'm on tiktok as janedoe, thanks", "I'm on tiktok as [social media], thanks"),
    ])
    func redactsPlainHandlesAfterTheirLeadIn(_ input: String, _ expected: String) {
        expectRedacted(input, expected, .socialMedia)
    }

    @Test(arguments: [
        "the username is wrong", "my username is private", "my username is the same", "my username is forgotten",
        "the door handle is broken", "I can handle it", "I use facebook as well",
        "I use facebook as a diary", "on X as well", "x as in xray", "my username was changed",
        "rated 10 on x as usual", "my user name is on the letter",
    ])
    func leavesOrdinaryWordsAfterThoseLeadInsAlone(_ input: String) {
        expectUntouched(input)
    }
}
