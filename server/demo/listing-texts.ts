// What neighbours write when they offer or ask for help, by skill, for the demo's listings.
// Offers are in the helper's words, requests in the words of the person who needs the help.
// Each entry: [title, description, where, typical minutes]. Skills not listed here (an instance
// may add its own) get a plain text built from the skill's label (fallbackText).
import type { LISTING_PLACES } from '../../common/offers.ts';

export type ListingPlace = (typeof LISTING_PLACES)[number];
export type ListingText = readonly [title: string, description: string, place: ListingPlace, minutes: number];
type Texts = { offer: readonly ListingText[]; request: readonly ListingText[] };

export const LISTING_TEXTS: Readonly<Record<string, Texts>> = {
  gardening: {
    offer: [
      ['Weeding, pruning and tidying borders', 'Keen gardener with my own tools. Happy to get an overgrown border back under control or help you plan what to plant. I can take green waste to the tip in my car.', 'in_someones_home', 120],
      ['Help getting a vegetable patch started', 'I grow most of our veg on a small plot. I can help dig a bed, work out what to sow when, and share spare seedlings in spring.', 'in_someones_home', 90],
    ],
    request: [
      ['Overgrown back garden needs taming', 'Since my knee operation I cannot kneel, and the brambles have taken over. A couple of hours with shears and a fork would make a big difference. I have a brown bin and will make the tea.', 'in_someones_home', 120],
      ['A hand planting spring bulbs', 'I have a bag of daffodil and tulip bulbs and a bad back. Would love some help getting them into the front beds.', 'in_someones_home', 60],
    ],
  },
  'lawn-mowing': {
    offer: [['Lawn mowing, edges included', 'I have a mower and a strimmer and can do small and medium lawns. Clippings bagged or left in your bin, as you like.', 'in_someones_home', 60]],
    request: [['Front and back lawns mowed every couple of weeks', 'My mower has finally died and I am not up to pushing one any more. Both lawns are small and flat. You are welcome to borrow my neighbour’s mower.', 'in_someones_home', 60]],
  },
  'diy-repairs': {
    offer: [
      ['Small jobs around the house: shelves, curtain poles, dripping taps', 'Retired joiner with all the kit still in the van. Shelves, curtain rails, sticking doors, dripping taps, flat-pack gone wrong. No gas, and no electrics beyond changing a light fitting.', 'in_someones_home', 90],
    ],
    request: [
      ['Put up two shelves and a curtain pole', 'Just moved in. I have the shelves and brackets but no drill and no idea. The walls are plasterboard, if that matters.', 'in_someones_home', 90],
      ['Kitchen cupboard door hanging off', 'One hinge has pulled out of the cupboard under the sink. Probably ten minutes for someone who knows what they are doing.', 'in_someones_home', 30],
    ],
  },
  'painting-decorating': {
    offer: [['Painting a room or touching up woodwork', 'I decorated our whole house last year and quite enjoyed it. Walls, ceilings and skirting; I have dust sheets, brushes and rollers.', 'in_someones_home', 180]],
    request: [['Help painting the spare room before the baby arrives', 'Paint is bought (pale yellow), but I have been told to stay off ladders. Ceiling and walls of a small room.', 'in_someones_home', 240]],
  },
  'flat-pack-furniture': {
    offer: [['Flat-pack assembly: wardrobes, beds, desks', 'Patient and tidy, and I bring my own screwdrivers and Allen keys. Big wardrobes go quicker with two, so I can bring my partner.', 'in_someones_home', 120]],
    request: [['Help building a flat-pack wardrobe', 'A tall double wardrobe in about a hundred pieces. The instructions have beaten me twice.', 'in_someones_home', 150]],
  },
  cleaning: {
    offer: [['A hand with a big clean or a clear-out', 'Happy to help with a spring clean, a loft clear-out or getting a flat ready to hand back. I am quick and I do not judge.', 'in_someones_home', 120]],
    request: [['Help clearing my late dad’s spare room', 'I need to sort and bag up a room full of boxes before the house is sold. Mostly lifting and carrying to the car, and a bit of company.', 'in_someones_home', 180]],
  },
  'bike-repair': {
    offer: [['Bike check-ups and puncture repairs', 'I fix bikes as a hobby: punctures, brakes, gears, chains, and a safety check before you get back on the road. Bring the bike round to my shed.', 'at_home', 60]],
    request: [['Get my old bike roadworthy again', 'It has sat in the shed for five years: flat tyres, rusty chain, squealing brakes. I would like to start cycling to work.', 'at_home', 90]],
  },
  befriending: {
    offer: [['A regular cup of tea and a chat', 'DBS-checked, with time on weekday afternoons. I am a good listener and love hearing people’s stories. Happy to visit every week.', 'in_someones_home', 60]],
    request: [['Someone to visit my mum for a chat', 'Mum is 84, lives alone and has been lonely since she stopped driving. She loves talking about the old days and her garden. An hour a week would light up her week.', 'in_someones_home', 60]],
  },
  'phone-check-ins': {
    offer: [['A friendly phone call once or twice a week', 'I work from home and can ring at the same time each week for a natter and to check all is well.', 'online', 30]],
    request: [['Weekly phone call for my dad', 'Dad lives on his own and does not see many people in winter. A call on the same day each week would give him something to look forward to.', 'online', 30]],
  },
  'home-visits': {
    offer: [['Popping in on someone who lives alone', 'DBS-checked and used to visiting older people through church. I can call in, check the heating is on and that there is food in the fridge.', 'in_someones_home', 45]],
    request: [['Someone to look in on my aunt while I am away', 'I am away for a fortnight and my aunt, who is 91, would be on her own. A short visit every other day to check she is all right.', 'in_someones_home', 45]],
  },
  'shopping-errands': {
    offer: [['Weekly shop or prescription collection', 'I drive to the big supermarket every Saturday and can pick up your shopping or a prescription on the way.', 'in_public', 60]],
    request: [['Someone to collect my prescription each month', 'I cannot manage the walk to the chemist on Castle Street at the moment. It is the same repeat prescription every four weeks.', 'in_public', 30]],
  },
  'dog-walking': {
    offer: [['Dog walks along the river', 'Dog lover without a dog of my own (landlord says no). Happy to take yours out for an hour, mornings or after work.', 'in_public', 60]],
    request: [['Walks for Biscuit while I recover', 'Biscuit is a friendly spaniel who needs a proper walk every day, and I am on crutches for six weeks.', 'in_public', 60]],
  },
  'pet-sitting': {
    offer: [['Feeding cats and small pets while you are away', 'I live nearby and can pop in twice a day to feed, water and fuss your pets, and clean out litter trays or hutches.', 'in_someones_home', 30]],
    request: [['Cat feeding over the half-term week', 'Two elderly cats, very easy, who need feeding morning and evening while we are at my sister’s.', 'in_someones_home', 30]],
  },
  childminding: {
    offer: [['After-school pick-up and tea', 'DBS-checked mum of three. I already collect mine from the primary school and can bring one more home for tea until you finish work.', 'at_home', 120]],
    request: [['School pick-up on Wednesdays', 'My shift changed and I cannot get to the school gate by 3.15 on Wednesdays. Just until 5.30.', 'at_home', 150]],
  },
  'lifts-to-appointments': {
    offer: [['Lifts to the hospital or the doctor’s', 'I have a car and flexible hours. Happy to drive you to appointments at the Royal Shrewsbury or the surgery, and wait if it is not too long.', 'in_public', 120]],
    request: [
      ['Lift to the eye clinic and back', 'I cannot drive after the drops they put in. The appointment is at the Royal Shrewsbury and usually takes about an hour.', 'in_public', 150],
      ['Lift to the physio on Monday mornings', 'Six weekly sessions after my hip replacement. The bus is not an option yet.', 'in_public', 90],
    ],
  },
  'accompanied-walks': {
    offer: [['A walking buddy for short walks', 'Gentle walks around the park or along the river at your pace. Good for getting confidence back after an illness.', 'in_public', 60]],
    request: [['Someone to walk with me to the shops', 'Since my fall I am nervous going out alone. Walking with someone once a week would help me get my confidence back.', 'in_public', 45]],
  },
  'moving-help': {
    offer: [['An extra pair of hands on moving day', 'Strong, careful and I have a big estate car. Happy to carry boxes and help load a van.', 'in_public', 180]],
    request: [['Help moving into a ground-floor flat', 'Moving two streets away. The van is booked; I need help carrying boxes and a sofa down from the second floor.', 'in_public', 240]],
  },
  'homework-help': {
    offer: [['Homework help for primary and secondary', 'Former teaching assistant. Happy to sit with children over homework, especially reading, spelling and times tables.', 'at_home', 60]],
    request: [['Help for my son with Year 9 homework', 'He is struggling with science and I cannot remember any of it. An hour a week would really help him.', 'at_home', 60]],
  },
  'english-conversation': {
    offer: [['English conversation practice over coffee', 'Relaxed chats to practise everyday English: the doctor’s, the bank, small talk at the school gate. All levels welcome.', 'in_public', 60]],
    request: [['Practise English conversation', 'I moved here from Romania last year. I can read well but I am shy to speak. I would like to practise talking about everyday things.', 'in_public', 60]],
  },
  'language-teaching': {
    offer: [['Beginner Welsh, Polish or Spanish', 'Native Polish speaker, fluent in Spanish, and learning Welsh myself. Happy to teach the basics to beginners.', 'online', 60]],
    request: [['Basic Spanish before our holiday', 'We are going to Spain in the summer and I would love to order food and ask directions without pointing.', 'online', 60]],
  },
  'music-lessons': {
    offer: [['Guitar or ukulele lessons for beginners', 'I teach guitar part-time and love getting beginners playing their first songs. I can lend a ukulele to start with.', 'at_home', 45]],
    request: [['Piano lessons for a beginner (adult)', 'We inherited a piano and I have always wanted to learn. Starting completely from scratch.', 'at_home', 45]],
  },
  'maths-tutoring': {
    offer: [['GCSE maths tutoring', 'Retired maths teacher. Happy to help with GCSE revision, exam technique and building confidence.', 'at_home', 60]],
    request: [['Maths help before my daughter’s GCSEs', 'She is on track for a 4 and would love a 5. Mostly algebra and geometry.', 'at_home', 60]],
  },
  'reading-together': {
    offer: [['Reading with children after school', 'I love children’s books and have done volunteer reading at the library. Happy to read with early readers.', 'in_public', 45]],
    request: [['Someone to read with my daughter', 'She is six and reluctant to read with me but adores visitors. Twenty minutes of reading and a story.', 'at_home', 45]],
  },
  'computer-help': {
    offer: [
      ['Computer help: email, online forms, printers', 'I work in IT. Happy to sort out email, set up a printer, speed up a slow laptop or help you get online safely.', 'in_someones_home', 60],
      ['Help with online shopping and banking, done safely', 'Step-by-step help setting up online banking or supermarket deliveries, and how to spot scam emails.', 'in_someones_home', 60],
    ],
    request: [['My laptop is very slow and full of pop-ups', 'It takes ten minutes to start and keeps showing adverts. I am worried it has a virus.', 'in_someones_home', 60]],
  },
  'smartphone-help': {
    offer: [['Getting to grips with a new smartphone or tablet', 'Patient help with photos, WhatsApp, the NHS app and making the text bigger.', 'in_public', 45]],
    request: [['Help setting up the NHS app on my phone', 'The surgery wants me to order prescriptions through the app and I cannot get past the login.', 'in_public', 45]],
  },
  'video-calls': {
    offer: [['Setting up video calls with family', 'I can set up Zoom, WhatsApp or FaceTime on your phone or tablet and practise a call with you until it feels easy.', 'in_someones_home', 45]],
    request: [['Video calls with my grandchildren in Canada', 'My son sent me a tablet so we can see each other. I need someone to show me how to answer and make calls.', 'in_someones_home', 45]],
  },
  knitting: {
    offer: [['Learn to knit, or rescue a dropped stitch', 'Been knitting for fifty years. Happy to teach beginners or help with a pattern that has gone wrong.', 'at_home', 60]],
    request: [['Help finishing a baby blanket', 'I have knitted the squares but cannot work out how to join them and add a border.', 'at_home', 60]],
  },
  'sewing-mending': {
    offer: [['Mending, hems and alterations', 'I have a sewing machine and can take up trousers, fix zips, patch knees and darn jumpers.', 'at_home', 60]],
    request: [['Shorten three pairs of school trousers', 'My son has started secondary school and the trousers are all too long. I do not have a machine.', 'at_home', 45]],
  },
  photography: {
    offer: [['Photos for your group or event', 'Keen amateur photographer with decent kit. Happy to photograph community events or take portraits for a CV or website.', 'in_public', 120]],
    request: [['Photos of our street party', 'We are holding a street party and would love someone to take pictures for the neighbours.', 'in_public', 120]],
  },
  'arts-crafts': {
    offer: [['Craft afternoon for children', 'I run craft sessions at home: cards, collage, clay. Happy to host a couple of children or help with a party.', 'at_home', 90]],
    request: [['Help making decorations for the school fair', 'The PTA stall needs bunting and signs, and we are short of crafty hands.', 'in_public', 120]],
  },
  'cooking-meals': {
    offer: [['Home-cooked meals for someone who is unwell', 'I cook for a big family anyway and can make an extra portion or two, or cook in your kitchen with you.', 'at_home', 90]],
    request: [['Learn to cook a few simple meals', 'I have never really cooked and I am fed up of ready meals. Three or four easy, cheap dinners would be a start.', 'in_someones_home', 90]],
  },
  baking: {
    offer: [['Birthday cakes and bakes for events', 'I bake far too much. Happy to make a birthday cake or a tray of scones for a coffee morning.', 'at_home', 120]],
    request: [['A cake for my dad’s 80th', 'Nothing fancy, a chocolate sponge for about twenty people. I will pay for the ingredients.', 'at_home', 120]],
  },
  'batch-cooking': {
    offer: [['Batch cooking for your freezer', 'I can cook a week of soups, stews and curries for your freezer, in your kitchen or mine.', 'at_home', 150]],
    request: [['Freezer meals for after the baby arrives', 'Due in six weeks and I would love a freezer full of dinners for the first few weeks.', 'in_someones_home', 150]],
  },
  'form-filling': {
    offer: [['Help with forms: benefits, blue badge, council', 'Retired from the council and very used to forms. Happy to help you fill them in and check nothing is missed.', 'in_public', 60]],
    request: [['Help with the blue badge renewal form', 'It is long and I keep getting stuck on the questions about walking. My eyesight makes it hard to read too.', 'in_public', 60]],
  },
  'letter-writing': {
    offer: [['Writing letters and emails that get answers', 'I can help you write to the council, the landlord or the energy company, and keep a copy of what was sent.', 'in_public', 45]],
    request: [['Letter to my landlord about the damp', 'Damp in the back bedroom for months, and I do not know how to put it so that they act.', 'in_public', 45]],
  },
  'budgeting-help': {
    offer: [['Sitting down with the bills and a budget', 'I used to work at a debt advice charity. Happy to help you see where the money goes and find savings, in confidence.', 'in_public', 60]],
    request: [['Help getting on top of bills', 'Since I went part-time the bills have piled up. I would like help making a plan.', 'in_public', 60]],
  },
  translation: {
    offer: [['Translating letters: Polish, Romanian and Urdu', 'Between my family and me we read Polish, Romanian and Urdu. Happy to explain official letters or come to an appointment.', 'in_public', 60]],
    request: [['Someone to explain a letter from the council', 'My mother received a letter about council tax and her English is not strong. She speaks Punjabi.', 'in_public', 45]],
  },
  'gentle-exercise': {
    offer: [['Chair exercises for stiff joints', 'Retired physiotherapist. A short, gentle routine you can do at home, adapted to what your body will let you do.', 'in_someones_home', 45]],
    request: [['Exercise buddy after my hip operation', 'I have exercises from the physio but never do them alone. Doing them with someone would keep me going.', 'in_public', 45]],
  },
  yoga: {
    offer: [['Beginner yoga in the park', 'Qualified teacher. Relaxed sessions for complete beginners on summer evenings; bring a mat or a towel.', 'in_public', 60]],
    request: [['Someone to show me some yoga basics', 'My back is stiff from sitting at a desk all day and I would like a few stretches I can do myself.', 'online', 45]],
  },
  'first-aid': {
    offer: [['First-aid basics for parents', 'Paramedic on weekdays. Happy to run through choking, burns and CPR with a few parents at once.', 'in_public', 90]],
    request: [['First aider for our community fun day', 'The fun day on the green needs someone with first-aid training on hand for the afternoon.', 'in_public', 240]],
  },
  listening: {
    offer: [['A listening ear', 'Sometimes it helps to talk things through with someone who is not family. I have trained as a Samaritans volunteer.', 'in_public', 60]],
    request: [['Someone to talk to now and then', 'I have been caring for my husband for two years and rarely get to talk about myself.', 'in_public', 60]],
  },
  'event-helping': {
    offer: [['Setting up, serving tea, clearing up', 'Happy to help at community events: putting out chairs, running the tea urn, taking down bunting.', 'in_public', 180]],
    request: [['Helpers for the summer street party', 'We need people to help close the road, set up tables and clear up afterwards.', 'in_public', 180]],
  },
  'leaflet-delivery': {
    offer: [['Delivering leaflets on my daily walk', 'I walk the dog round most of the estate every day and can take leaflets with me.', 'in_public', 60]],
    request: [['Leaflets for the residents’ meeting', 'About 300 leaflets to go through doors on six streets before the meeting next month.', 'in_public', 120]],
  },
  'litter-picking': {
    offer: [['Monthly litter pick on the riverside', 'I lead a litter pick on the first Saturday of the month. Grabbers and bags provided.', 'in_public', 120]],
    request: [['Volunteers to clear the alley behind the shops', 'The alley behind the shops is full of rubbish again. The council will collect the bags if we fill them.', 'in_public', 120]],
  },
  fundraising: {
    offer: [['Help planning a fundraiser', 'I have run quiz nights and sponsored walks for the school. Happy to help plan yours.', 'in_public', 90]],
    request: [['Stewards for the sponsored walk', 'We need stewards at the road crossings for our sponsored walk for the hospice.', 'in_public', 180]],
  },
  'hair-cutting': {
    offer: [['Haircuts at home for those who cannot get out', 'Trained hairdresser, now at home with small children. Simple cuts and trims in your own home.', 'in_someones_home', 45]],
    request: [['Haircut at home for my grandad', 'He cannot get to the barber’s any more and his hair is getting long.', 'in_someones_home', 30]],
  },
};

/** A plain text for a skill the list above does not know. */
export function fallbackText(kind: 'offer' | 'request', label: string): ListingText {
  const lower = label.toLowerCase();
  return kind === 'offer'
    ? [`Happy to help with ${lower}`, `I have some experience with ${lower} and a few hours to spare most weeks. Get in touch and we can work out what you need.`, 'in_public', 60]
    : [`Looking for help with ${lower}`, `I could do with a hand with ${lower}. Happy to fit around you.`, 'in_public', 60];
}

/** When neighbours say they are free; written in words the matching reads (availability.ts). */
export const AVAILABILITY = [
  'Weekday evenings after 6', 'Saturday mornings', 'Most afternoons', 'Weekends', 'Tuesday and Thursday mornings', 'Flexible: I work from home',
  'Evenings and weekends', 'Friday afternoons', 'Monday or Wednesday mornings', 'Sunday afternoons', 'Any day with a bit of notice', 'Weekday mornings',
] as const;

/** What organisations post, matched to an organisation by its name. */
export const ORGANISATION_LISTINGS: readonly { name: RegExp; slug: string; kind: 'offer' | 'request'; text: ListingText }[] = [
  { name: /surgery|health/i, slug: 'lifts-to-appointments', kind: 'request', text: ['Volunteer drivers for patients’ hospital appointments', 'Some of our patients miss hospital appointments because they cannot get there. If you can drive someone now and then, our social prescriber will match you.', 'in_public', 150] },
  { name: /surgery|health/i, slug: 'gentle-exercise', kind: 'offer', text: ['Tuesday walking group with our link worker', 'A gentle hour’s walk from the surgery every Tuesday morning, at the pace of the slowest walker. Everyone welcome.', 'in_public', 60] },
  { name: /school/i, slug: 'reading-together', kind: 'request', text: ['Volunteer readers for Year 2', 'Could you spare an hour one morning a week to hear children read? We will arrange the school’s safeguarding training.', 'in_public', 60] },
  { name: /school/i, slug: 'gardening', kind: 'request', text: ['Help in the school garden after school', 'Our gardening club needs grown-ups who can dig, weed and show children how to grow things. Thursday afternoons in term time.', 'in_public', 90] },
  { name: /garden|allotment/i, slug: 'gardening', kind: 'offer', text: ['Learn to grow your own veg at our Saturday work mornings', 'Come along to the Saturday work morning, learn from our growers and take home some of the harvest.', 'in_public', 120] },
  { name: /garden|allotment/i, slug: 'event-helping', kind: 'request', text: ['Helpers for the harvest supper', 'We need people to set up, serve and clear up at our harvest supper in the community hall.', 'in_public', 180] },
];
