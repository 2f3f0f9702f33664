/// First names that are taken as a person's name on their own, with no title or role before them: people
/// thank and blame staff by first name ("Mandy was lovely", "Lisa and Tina keep us going"), and a published
/// story must not name them.
///
/// Matched only when capitalised ("Mark has been good", not "full marks") and not part of a place's name:
/// never after "St", "Queen" or "Royal", after a hyphen ("X-Ray"), before a number (the ward "Edward 2"), or
/// before a word such as Hospital, House, Ward or Road, directly or after a surname ("James Cook University
/// Hospital", "Florence Nightingale ward").
/// Left out: names that are common words or read as one at the start of a sentence (Will, May, Grace, Hope,
/// Dawn, Amber, Frank, Max, Jan, Ed), and names of places people are treated in or near (Victoria, Beverley,
/// Stanley, Washington, Jordan, India).
enum GivenNames {
    static let words = [
        // Women's names common in England across the ages of NHS staff and carers.
        "abby", "abigail", "agnieszka", "aisha", "alice", "alison", "amanda", "amelia", "amy", "andrea", "angela",
        "angie", "anita", "ann", "anna", "anne", "annette", "annie", "asha", "audrey", "ayesha", "barbara", "bev",
        "beth", "bethany", "becky", "brenda", "bridget", "carly", "carol", "caroline", "catherine", "charlotte",
        "chloe", "christine", "claire", "clare", "colette", "danielle", "debbie", "debra", "deborah", "denise",
        "diane", "dianne", "donna", "doreen", "dorothy", "eileen", "elaine", "eleanor", "elizabeth", "ellie",
        "emily", "emma", "ewa", "farah", "fatima", "fiona", "gail", "gemma", "georgina", "gill", "gillian",
        "hannah", "harriet", "hayley", "heather", "helen", "irene", "jackie", "jacqueline", "jane", "janet",
        "janice", "jasmine", "jayne", "jean", "jen", "jenny", "jennifer", "jess", "jessica", "jill", "jo",
        "joan", "joanne", "jodie", "josephine", "judith", "judy", "julia", "julie", "karen", "kate", "katarzyna",
        "kath", "kathleen", "kathryn", "katie", "katy", "kayleigh", "kelly", "kerry", "kim", "kirsty", "laura",
        "lauren", "leanne", "lesley", "linda", "lindsay", "lisa", "liz", "lorraine", "louise", "lucy", "lydia",
        "lynn", "lynne", "magdalena", "mandy", "margaret", "maria", "marie", "marion", "marta", "mary", "maureen",
        "megan", "mel", "melanie", "michelle", "nadia", "naomi", "natalie", "natasha", "neha", "nicky", "nicola",
        "nikki", "nina", "norma", "olivia", "pam", "pamela", "patricia", "paula", "pauline", "pooja", "priya",
        "rachel", "rachael", "rebecca", "rita", "rosemary", "ruth", "sally", "samantha", "sandra", "sara", "sarah",
        "sharon", "sheila", "shirley", "sian", "sonia", "sophie", "stacey", "stephanie", "sue", "sunita", "susan",
        "suzanne", "sylvia", "tanya", "teresa", "theresa", "tina", "toni", "tracey", "tracy", "valerie", "vicky",
        "vicki", "wendy", "yasmin", "yvonne", "zainab", "zoe",
        // Men's names.
        "aaron", "adam", "adrian", "ahmed", "alan", "alastair", "alistair", "alex", "alexander", "ali", "amit",
        "andrew", "andy", "anthony", "anil", "arjun", "barry", "ben", "benjamin", "bilal", "bob", "brian",
        "callum", "carl", "charlie", "chris", "christopher", "clive", "colin", "connor", "craig", "dan", "daniel",
        "danny", "darren", "dave", "david", "deepak", "dennis", "derek", "dominic", "douglas", "duncan", "edward",
        "gareth", "gary", "gavin", "geoff", "geoffrey", "george", "gordon", "graham", "harry", "hassan", "ian",
        "imran", "jack", "jake", "james", "jamie", "jason", "jeff", "jim", "jimmy", "joe", "john", "johnny", "jon",
        "jonathan", "joseph", "josh", "joshua", "keith", "ken", "kenneth", "kevin", "khalid", "kieran", "lee",
        "leon", "liam", "luke", "malcolm", "mark", "martin", "matt", "matthew", "michael", "mike", "mohammed",
        "muhammad", "nathan", "neil", "nicholas", "nick", "nigel", "oliver", "omar", "owen", "patrick", "paul",
        "pete", "peter", "phil", "philip", "piotr", "rahul", "raj", "ravi", "ray", "raymond", "rhys", "richard",
        "rob", "robert", "roger", "ross", "russell", "ryan", "sam", "samuel", "sanjay", "scott", "sean", "shaun",
        "simon", "stephen", "steve", "steven", "stuart", "stewart", "sunil", "tariq", "terry", "thomas", "tim",
        "timothy", "tom", "tomasz", "tony", "trevor", "usman", "wayne", "william", "pat",
    ]

    static let hashes: FlatHashMap = NameCues.hashes(words)

    /// Words before a name that make it part of a place's name ("St Ann's House", "Queen Elizabeth").
    static let placePrefixes: FlatHashMap = NameCues.hashes([
        "st", "saint", "queen", "king", "prince", "princess", "royal", "lady", "port", "fort", "mount",
    ])

    /// Words after a name, or after a name and a surname, that make them a place's name.
    static let placeWords: FlatHashMap = NameCues.hashes([
        "hospital", "hospitals", "infirmary", "house", "ward", "unit", "centre", "center", "road", "street",
        "lane", "avenue", "court", "lodge", "surgery", "practice", "clinic", "building", "wing", "suite",
        "university", "medical", "health", "park", "hall", "school", "college", "close", "way", "drive", "place",
        "crescent", "gardens", "terrace", "square", "theatre", "block", "pavilion", "station", "hospice", "home",
        "institute", "trust", "memorial", "community", "general", "district", "primary", "foundation", "nhs",
        "unit's", "ward's", "hospital's", "bay", "rooms", "room", "centre's",
    ])

    /// Hospitals, hospices and charities named after a person and often written without "Hospital" ("I go
    /// to James Cook", "Marie Curie nurses", "Sue Ryder").
    static let hospitalNames: FlatHashMap = NameCues.hashes([
        "james cook", "james paget", "john radcliffe", "william harvey", "george eliot", "mary seacole",
        "florence nightingale", "john coupland", "marie curie", "marie currie", "sue ryder", "john taylor",
        "douglas macmillan",
    ])
}
