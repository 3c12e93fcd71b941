// The raw material of the demo neighbourhood: plausible UK names, streets, bios and the like.
// Everything here is invented; phone numbers are from Ofcom's range reserved for drama.

export const FIRST_NAMES = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Freya', 'Lily', 'Grace', 'Sophie', 'Evie', 'Poppy', 'Ella', 'Ruby', 'Chloe', 'Hannah',
  'Emily', 'Megan', 'Lucy', 'Rosie', 'Charlotte', 'Siobhan', 'Eilidh', 'Cerys', 'Ffion', 'Niamh', 'Aisha', 'Fatima', 'Zara', 'Priya',
  'Anjali', 'Amira', 'Yasmin', 'Noor', 'Agnieszka', 'Kasia', 'Ioana', 'Chiamaka', 'Adaeze', 'Abena', 'Mei', 'Margaret', 'Jean',
  'Pauline', 'Brenda', 'Janet', 'Oliver', 'George', 'Harry', 'Noah', 'Jack', 'Leo', 'Arthur', 'Oscar', 'Charlie', 'Thomas', 'James',
  'William', 'Henry', 'Alfie', 'Joshua', 'Daniel', 'Ryan', 'Liam', 'Callum', 'Rhys', 'Owain', 'Dylan', 'Euan', 'Ciaran', 'Mohammed',
  'Yusuf', 'Ibrahim', 'Omar', 'Hamza', 'Arjun', 'Ravi', 'Sanjay', 'Tomasz', 'Piotr', 'Andrei', 'Chidi', 'Kwame', 'Tunde', 'Wei',
  'Keith', 'Graham', 'Colin', 'Derek', 'Malcolm', 'Trevor', 'Sam', 'Alex', 'Jordan', 'Robin', 'Jamie', 'Morgan',
] as const;

export const SURNAMES = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson', 'Thompson',
  'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner',
  'Martin', 'Cooper', 'Hill', 'Ward', 'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James',
  'Scott', 'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter',
  'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', "O'Brien", 'Campbell', 'MacDonald', 'Stewart', 'Reid', 'Khan', 'Ali',
  'Hussain', 'Ahmed', 'Begum', 'Akhtar', 'Shah', 'Mistry', 'Sharma', 'Singh', 'Kaur', 'Nowak', 'Kowalski', 'Wiśniewski', 'Popescu',
  'Okafor', 'Adeyemi', 'Mensah', 'Osei', 'Chen', 'Wong', 'Nguyen', 'Jenkins', 'Lloyd', 'Pritchard', 'Vaughan', 'Bevan',
] as const;

/** One demo community: where it is and what its streets are called. */
export type Place = {
  name: string;
  slug: string;
  description: string;
  centreLat: number;
  centreLng: number;
  radiusM: number;
  streets: readonly string[];
  organisations: readonly { name: string; bio: string; titles: readonly [string, string] }[];
};

export const PLACES: readonly Place[] = [
  {
    name: 'Riverside',
    slug: 'riverside',
    description: 'The streets between the river and the station in Shrewsbury. Neighbours helping neighbours: lifts, lending, gardening and getting things done together.',
    centreLat: 52.7086,
    centreLng: -2.7491,
    radiusM: 1200,
    streets: [
      'Mill Lane', 'Ferry Road', 'Wharf Street', 'Victoria Terrace', 'Albert Road', 'Church Street', 'Chapel Row', 'Bridge Street',
      'Willow Crescent', 'Orchard Close', 'Meadow Road', 'Kingsway', 'Station Road', 'Elm Grove', 'Brunswick Place', 'Canal Side',
      'Severn View', 'Abbey Gardens',
    ],
    organisations: [
      { name: 'Riverside Surgery', bio: 'The GP practice on Station Road. Our social prescribers connect patients with neighbours and local groups.', titles: ['Practice manager', 'Social prescriber'] },
      { name: "St Chad's Primary School", bio: 'A primary school of 320 children. We welcome volunteer readers and help with the school garden.', titles: ['Head teacher', 'Family liaison officer'] },
      { name: 'Riverside Community Garden', bio: 'A registered charity growing food on the old bowling green. Everyone is welcome on Saturday mornings.', titles: ['Volunteer coordinator', 'Trustee'] },
    ],
  },
  {
    name: 'Castlefields',
    slug: 'castlefields',
    description: 'Castlefields and Spring Gardens, north of the castle in Shrewsbury. A friendly neighbourhood with a strong tradition of looking out for each other.',
    centreLat: 52.7165,
    centreLng: -2.7467,
    radiusM: 900,
    streets: [
      'Castle Walk', 'Spring Gardens', 'North Street', 'New Park Road', 'Beacall’s Lane', 'Sultan Road', 'Hunter Street', 'Victoria Street',
      'Burton Street', 'Queen Street', 'Severn Street', 'Cross Street', 'Albion Terrace', 'Haycock Way',
    ],
    organisations: [
      { name: 'Castlefields Health Centre', bio: 'Your local health centre. Our community link worker runs a weekly walking group.', titles: ['Practice manager', 'Community link worker'] },
      { name: 'Spring Gardens Primary School', bio: 'A small, caring school at the heart of Castlefields. We love volunteers who can share a skill.', titles: ['Head teacher', 'School business manager'] },
      { name: 'Castlefields Allotment Society', bio: 'A charity looking after forty allotments and a shared orchard by the river.', titles: ['Secretary', 'Treasurer'] },
    ],
  },
];

export const BIO_WHO = [
  'Retired teacher and grandmother of four.', 'Nurse at the county hospital, mostly on nights.', 'New to the area with a toddler and a very excitable dog.',
  'Lived on this street for thirty years.', 'Student at the college, here for my second year.', 'Bus driver and amateur historian.',
  'Work from home in IT, so I am around during the day.', 'Recently retired from the council.', 'Parent of two at the local primary.',
  'Chef at a café in town.', 'Carer for my mum, who lives with us.', 'Electrician, semi-retired.', 'Moved here from Cardiff last spring.',
  'Shift worker at the distribution centre.', 'Run a small bakery stall at the Saturday market.', 'Former librarian.',
  'Physiotherapist and keen runner.', 'Dad, cyclist and terrible gardener.', 'Musician who teaches guitar part-time.', 'Retired engineer.',
  'Work at the garden centre.', 'Volunteer at the food bank on Thursdays.', 'Self-employed plumber.', 'Just had our first baby.',
  'PhD student who loves a good quiz night.', 'Taxi driver who knows every shortcut in town.', 'Care worker with a soft spot for cats.',
  'Keen knitter and church warden.', 'Sixth-form maths teacher.', 'Working two jobs and trying to meet the neighbours.',
] as const;

export const BIO_LIKES = [
  'I love growing vegetables.', 'Happiest with a book and a pot of tea.', 'Always up for a walk along the river.', 'I bake far too much cake.',
  'Big fan of board games.', 'I sing in a community choir.', 'Learning Welsh, slowly.', 'I enjoy fixing old bikes.', 'Keen photographer.',
  'I run the street’s WhatsApp group.', 'Into birdwatching and wild swimming.', 'I love cooking food from home for friends.',
  'I make things from reclaimed wood.', 'Football on Sundays, rain or shine.', 'I like a good crossword.', 'I enjoy sewing and upcycling clothes.',
] as const;

export const BIO_OFFERS = [
  'Happy to help with lifts to appointments.', 'Can lend tools and give a hand with small repairs.', 'Glad to sit with someone for a chat.',
  'Would love help with my overgrown garden.', 'Can help with forms and letters.', 'Looking for someone to practise English with.',
  'Happy to walk dogs when owners are away.', 'Can help set up phones and tablets.', 'Would like to learn to cook on a budget.',
  'Can collect prescriptions or shopping.', 'Would welcome help putting up shelves.', 'Happy to read with children after school.',
  'Looking for a running buddy.', 'Can teach basic sewing.', 'Glad to help at community events.', 'Keen to swap plants and seeds.',
] as const;

export const OTHER_LANGUAGES = ['Welsh', 'Polish', 'Urdu', 'Punjabi', 'Bengali', 'Arabic', 'Romanian', 'Somali', 'Gujarati', 'Cantonese', 'Portuguese', 'British Sign Language'] as const;

export const ACCESSIBILITY_NEEDS = [
  'I use a wheelchair, so ground-floor places work best.', 'Hard of hearing: please text rather than call.', 'Low vision: large print helps.',
  'I get tired easily, so short visits are best.', 'Autistic: clear plans and quiet places help me.', 'I cannot manage stairs.',
  'Dyslexic: a quick phone call is easier than long messages.', 'I have a guide dog.',
] as const;

export const JOIN_MESSAGES = [
  'Hello! I have just moved to {street} and would love to meet the neighbours.', 'My neighbour on {street} told me about Kith.',
  'I live on {street} and would like to help out where I can.', 'We are new to {street} with two young children.',
  'Saw the poster in the surgery. I live on {street}.',
] as const;

export const VOUCH_NOTES = ['', '', '', 'Lovely neighbour, known them for years.', 'Helped me move house.', 'We run the street party together.', 'Known from the school gate.', 'Lives two doors down; always helpful.'] as const;

/** Used when an instance has no skills at all. */
export const STARTER_SKILLS = [
  ['gardening', 'Gardening', 'home-garden'], ['diy-repairs', 'Small DIY repairs', 'home-garden'], ['bike-repair', 'Bike repair', 'home-garden'],
  ['befriending', 'Befriending', 'care-company'], ['dog-walking', 'Dog walking', 'care-company'], ['shopping-errands', 'Shopping and errands', 'care-company'],
  ['lifts-to-appointments', 'Lifts to appointments', 'getting-about'], ['homework-help', 'Homework help', 'learning'],
  ['english-conversation', 'English conversation practice', 'learning'], ['computer-help', 'Computer help', 'computers-phones'],
  ['sewing-mending', 'Sewing and mending', 'arts-crafts'], ['cooking-meals', 'Cooking meals', 'food'], ['baking', 'Baking', 'food'],
  ['form-filling', 'Filling in forms', 'paperwork-money'], ['listening', 'A listening ear', 'health-wellbeing'], ['event-helping', 'Helping at events', 'community'],
] as const;

/** The accounts a newcomer signs in with; printed by the CLI and listed in the README. */
export const DEMO_ACCOUNTS = {
  admin: { email: 'admin@kith.local', password: 'kith-demo-admin', displayName: 'Helen Price' },
  coordinator: { email: 'coordinator@kith.local', displayName: 'Dev Sharma' },
  officer: { email: 'officer@kith.local', displayName: 'Claire Whitfield' },
  member: { email: 'member@kith.local', displayName: 'Sam Taylor' },
  /** Every demo account except the administrator shares this password. */
  password: 'kith-demo-member',
} as const;
