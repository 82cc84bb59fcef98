import type { Random} from './random.js';
import { monthName, thousands, weekday } from './random.js';
import { taiwaneseName, westernName } from './vocabulary.js';

/** A report that is not Japan–China–Taiwan relations news: the bulk of any real feed set. */
export interface WorldStory {
  title: string;
  sentences: string[];
  category: string;
}

const COUNTRIES = ['Brazil', 'Kenya', 'Germany', 'Indonesia', 'Mexico', 'Poland', 'Nigeria', 'Canada', 'Argentina', 'Spain', 'Vietnam', 'Egypt', 'Australia', 'Chile', 'Sweden', 'Turkey', 'India', 'Peru', 'Ghana', 'Portugal'];
const CITIES = ['Lagos', 'Sao Paulo', 'Hamburg', 'Surabaya', 'Guadalajara', 'Krakow', 'Nairobi', 'Toronto', 'Cordoba', 'Valencia', 'Da Nang', 'Alexandria', 'Brisbane', 'Valparaiso', 'Gothenburg', 'Izmir', 'Pune', 'Arequipa', 'Kumasi', 'Porto'];
const BANKS = ['The European Central Bank', 'The Bank of England', 'The Reserve Bank of Australia', 'The Bank of Canada', 'The Reserve Bank of India', "Brazil's central bank", 'The South African Reserve Bank', "Poland's central bank"];
const COMPANIES = ['Nordvik Energy', 'Helix Robotics', 'Pampas Foods', 'Corvus Airlines', 'Meridian Steel', 'Brightwater Telecom', 'Atlas Logistics', 'Quantis Software', 'Solaris Motors', 'Verde Pharma', 'Kestrel Mining', 'Orion Retail'];
const SECTORS = ['consumer electronics', 'steel', 'freight', 'advertising', 'construction', 'chemicals', 'software', 'retail'];
const TEAMS = ['Arsenal', 'Real Betis', 'Borussia Dortmund', 'Napoli', 'Benfica', 'Ajax', 'Celtic', 'Flamengo', 'Boca Juniors', 'Galatasaray', 'Sevilla', 'Lyon', 'Porto', 'PSV Eindhoven'];
const LEAGUES = ['the Premier League', 'La Liga', 'the Bundesliga', 'Serie A', 'the Europa League', 'the Champions League'];
const DISEASES = ['cholera', 'dengue', 'measles', 'mpox', 'avian influenza'];
const PARTIES = ['the Social Democrats', 'the centre-right coalition', 'the Green Party', 'the Liberal Party', 'the ruling Labour Party', 'the opposition alliance'];
const SPORTS = ['volleyball', 'table tennis', 'basketball', 'baseball', 'badminton', 'women\'s football'];
const FESTIVALS = ['the Berlin International Film Festival', 'the Busan International Film Festival', 'Cannes', 'the Venice Film Festival', 'the Toronto International Film Festival'];

type Kind = (r: Random, time: number) => WorldStory;

const world: Kind[] = [
  (r, t) => {
    const bank = r.pick(BANKS);
    const rate = (r.int(150, 1250) / 100).toFixed(2);
    const inflation = (r.int(12, 95) / 10).toFixed(1);
    return {
      category: 'Business',
      title: `${bank} holds interest rate at ${rate}% as inflation cools to ${inflation}%`,
      sentences: [
        `${bank} kept its benchmark rate unchanged at ${rate}% on ${weekday(t)}, saying inflation of ${inflation}% in ${monthName(t)} was moving toward its target.`,
        `Economists polled beforehand had expected the decision, though ${r.int(2, 9)} of ${r.int(20, 40)} forecast a cut.`,
        `Governor ${westernName(r)} said policymakers would "remain vigilant" about wage growth & energy prices.`,
        `Markets now price in a quarter-point reduction by ${monthName(t + 90 * 86_400_000)}.`,
      ],
    };
  },
  (r) => {
    const city = r.pick(CITIES);
    const n = r.int(2, 60);
    return {
      category: 'World',
      title: `Floods in ${city} region force ${thousands(n * 1000)} people from their homes after days of rain`,
      sentences: [
        `Rivers burst their banks around ${city} after ${r.int(3, 9)} days of torrential rain, forcing about ${thousands(n * 1000)} residents to leave their homes, officials said.`,
        `At least ${r.int(2, 40)} people have died and ${r.int(3, 30)} remain missing.`,
        `Rescue teams used boats to reach villages cut off by the water, and the army has been deployed to help.`,
        `Forecasters expect more rain later in the week.`,
      ],
    };
  },
  (r) => {
    const country = r.pick(COUNTRIES);
    const party = r.pick(PARTIES);
    return {
      category: 'Politics',
      title: `${country} votes in tight parliamentary election as ${party} seeks a ${r.pick(['second', 'third', 'fourth'])} term`,
      sentences: [
        `Voters in ${country} went to the polls on Sunday in an election that surveys suggest is too close to call.`,
        `${party.replace(/^the /, 'The ')} led by ${westernName(r)} has campaigned on the cost of living, while rivals promised tax cuts.`,
        `Turnout stood at ${r.int(38, 79)}% by midafternoon, the electoral commission said.`,
      ],
    };
  },
  (r) => {
    const company = r.pick(COMPANIES);
    const n = r.int(4, 120) * 100;
    return {
      category: 'Business',
      title: `${company} to cut ${thousands(n)} jobs in restructuring as ${r.pick(SECTORS)} demand slows`,
      sentences: [
        `${company} said on ${r.pick(['Tuesday', 'Wednesday', 'Thursday'])} it would cut about ${thousands(n)} jobs, or ${r.int(3, 18)}% of its workforce, over the next ${r.int(12, 36)} months.`,
        `Chief executive ${westernName(r)} said the company needed to "adapt to a slower market" and invest in automation.`,
        `Its shares rose ${r.int(1, 9)}.${r.int(0, 9)}% in early trading.`,
        `Unions said they would fight the plan.`,
      ],
    };
  },
  (r) => {
    const [home, away] = r.sample(TEAMS, 2);
    const a = r.int(1, 5);
    const b = r.int(0, a - 1);
    return {
      category: 'Sport',
      title: `${home ?? 'Arsenal'} beat ${away ?? 'Ajax'} ${a}-${b} to move ${r.int(2, 9)} points clear at the top of ${r.pick(LEAGUES)}`,
      sentences: [
        `A late goal from ${westernName(r)} sealed the win in front of ${thousands(r.int(20, 80) * 1000)} fans.`,
        `The visitors had levelled before half-time but faded after a red card in the ${r.int(50, 85)}th minute.`,
        `The manager said the squad was "not thinking about the title yet".`,
      ],
    };
  },
  (r) => ({
    category: 'Science',
    title: `Astronomers detect ${r.pick(['water vapour', 'a rocky exoplanet', 'a fast radio burst', 'an ancient galaxy'])} ${thousands(r.int(40, 13000))} light-years away using the James Webb telescope`,
    sentences: [
      `A team using the James Webb Space Telescope reported the finding in the journal ${r.pick(['Nature', 'Science', 'The Astrophysical Journal'])}.`,
      `Lead author ${westernName(r)} said the observation "opens a new window" on how such objects form.`,
      `Further observations are planned for next year.`,
    ],
  }),
  (r) => {
    const country = r.pick(COUNTRIES);
    const disease = r.pick(DISEASES);
    return {
      category: 'Health',
      title: `WHO reports ${thousands(r.int(120, 9000))} new ${disease} cases as outbreak spreads across ${country}`,
      sentences: [
        `The World Health Organization said cases of ${disease} in ${country} had risen for the ${r.int(3, 8)}th week in a row.`,
        `Health workers have vaccinated ${thousands(r.int(10, 900) * 100)} people in the worst-hit districts.`,
        `The agency urged donors to fund "urgent" water and sanitation work.`,
      ],
    };
  },
  (r) => {
    const company = r.pick(COMPANIES);
    return {
      category: 'Technology',
      title: `${company} unveils ${r.pick(['AI assistant', 'foldable phone', 'electric pickup', 'home battery'])} with ${r.int(2, 12)}-day battery life, shipping in ${r.pick(['June', 'autumn', 'time for the holidays'])}`,
      sentences: [
        `The product will cost $${r.int(199, 1999)} and go on sale in ${r.int(8, 40)} countries.`,
        `Analysts at ${r.pick(['Morgan Stanley', 'IDC', 'Gartner'])} said demand would depend on pricing in Europe.`,
        `The launch follows a ${r.int(5, 30)}% drop in the company's sales last quarter.`,
      ],
    };
  },
  (r) => {
    const city = r.pick(CITIES);
    const ha = r.int(3, 90) * 100;
    return {
      category: 'World',
      title: `Wildfire near ${city} burns ${thousands(ha)} hectares as crews battle strong winds`,
      sentences: [
        `More than ${r.int(200, 1500)} firefighters were battling the blaze near ${city}, which has destroyed ${r.int(5, 120)} homes.`,
        `Authorities ordered residents of ${r.int(2, 12)} villages to leave and opened shelters in schools.`,
        `Temperatures above ${r.int(35, 44)}C and gusts of ${r.int(50, 90)} km/h were fanning the flames.`,
      ],
    };
  },
  (r) => ({
    category: 'Business',
    title: `Oil prices ${r.pick(['climb', 'slip', 'jump', 'fall'])} ${r.int(1, 4)}.${r.int(0, 9)}% as OPEC+ weighs output ${r.pick(['increase', 'cuts', 'pause'])} ahead of Vienna meeting`,
    sentences: [
      `Brent crude futures settled at $${r.int(58, 96)}.${r.int(10, 99)} a barrel, while U.S. West Texas Intermediate ended at $${r.int(55, 92)}.${r.int(10, 99)}.`,
      `Traders are watching inventories and demand signals ahead of the group's meeting in Vienna.`,
      `"The market is trying to price a lot of uncertainty," said ${westernName(r)}, an analyst.`,
    ],
  }),
  (r) => {
    const company = r.pick(COMPANIES);
    return {
      category: 'Business',
      title: `Workers at ${company}'s ${r.pick(CITIES)} plant walk out over pay, halting production for ${r.int(2, 9)} days`,
      sentences: [
        `About ${thousands(r.int(5, 90) * 100)} workers began a strike on Monday after talks on a ${r.int(3, 15)}% pay rise collapsed.`,
        `The union said the company had made record profits while wages lagged inflation.`,
        `Management called the walkout "disproportionate" and said it was open to mediation.`,
      ],
    };
  },
  (r) => ({
    category: 'World',
    title: `${r.pick(COUNTRIES)}'s top court strikes down ${r.pick(['pension reform', 'mining law', 'election rule', 'surveillance law'])} in ${r.int(5, 9)}-${r.int(1, 4)} ruling, sending it back to parliament`,
    sentences: [
      `The judges said the law violated constitutional protections and gave parliament ${r.int(6, 18)} months to amend it.`,
      `Government lawyers had argued the measure was needed to balance the budget.`,
      `Opposition leader ${westernName(r)} welcomed the decision as "a victory for citizens".`,
    ],
  }),
  // Hard negatives: one side named, or sport, markets, food and culture rather than relations.
  (r, t) => ({
    category: 'Business',
    title: `Japan's ${r.pick(['exports', 'household spending', 'industrial output', 'machinery orders'])} rise ${r.int(1, 9)}.${r.int(0, 9)}% in ${monthName(t)}, beating economists' forecasts`,
    sentences: [
      `Data from the Cabinet Office showed the increase was driven by car shipments and electronic components.`,
      `Economists had forecast a rise of ${r.int(0, 3)}.${r.int(0, 9)}%.`,
      `The figures support the Bank of Japan's view that the economy is recovering moderately.`,
    ],
  }),
  (r) => ({
    category: 'Markets',
    title: `Tokyo stocks: Nikkei ends ${r.pick(['higher', 'lower'])} as yen ${r.pick(['weakens', 'firms'])} and chip shares swing; Topix moves ${r.int(0, 2)}.${r.int(1, 9)}%`,
    sentences: [
      `The Nikkei 225 index closed at ${thousands(r.int(36000, 52000))}, led by exporters and chip-related shares.`,
      `The dollar traded at ${r.int(138, 158)}.${r.int(10, 99)} yen in Tokyo.`,
      `Trading volume was light ahead of U.S. inflation data.`,
    ],
  }),
  (r) => {
    const sport = r.pick(SPORTS);
    const a = r.int(2, 3);
    return {
      category: 'Sport',
      title: `Japan beat China ${a}-${r.int(0, a - 1)} in ${sport} qualifier to reach Asian Championship final`,
      sentences: [
        `Japan's players came from behind in the second set in front of a sold-out crowd in ${r.pick(['Osaka', 'Hangzhou', 'Bangkok'])}.`,
        `Coach ${westernName(r)} praised the team's defence after the match.`,
        `The final will be played on ${r.pick(['Saturday', 'Sunday'])}.`,
      ],
    };
  },
  (r) => ({
    category: 'Culture',
    title: `Taiwanese director ${taiwaneseName(r)}'s film wins top prize at ${r.pick(FESTIVALS)}`,
    sentences: [
      `The film, about a family running a night-market stall, beat ${r.int(14, 22)} other entries in the main competition.`,
      `Jury president ${westernName(r)} called it "tender, funny and devastating".`,
      `It opens in cinemas in ${r.int(10, 30)} countries next month.`,
    ],
  }),
  (r) => ({
    category: 'Business',
    title: `China's factory activity ${r.pick(['shrinks', 'expands', 'stalls'])} for ${r.int(2, 9)}th month as PMI comes in at ${r.int(47, 52)}.${r.int(0, 9)}`,
    sentences: [
      `The official manufacturing purchasing managers' index compiled by the National Bureau of Statistics missed forecasts.`,
      `New export orders fell for the ${r.int(2, 6)}th month, while services activity held up.`,
      `Analysts expect more stimulus for the property sector.`,
    ],
  }),
  (r) => ({
    category: 'Lifestyle',
    title: `${r.pick(['Tokyo', 'Osaka', 'Taipei', 'Melbourne'])} ramen shop earns Michelin star, queues stretch ${r.int(2, 6)} blocks`,
    sentences: [
      `The ${r.int(8, 20)}-seat restaurant serves a single bowl of shoyu ramen for ${r.int(1200, 2400)} yen.`,
      `Its chef, who trained in ${r.pick(['Kyoto', 'Fukuoka', 'Sapporo'])}, said he would not take reservations.`,
      `Diners say the wait of up to ${r.int(2, 4)} hours is worth it.`,
    ],
  }),
  (r) => ({
    category: 'Culture',
    title: `Rare Ming dynasty porcelain bowl fetches $${r.int(2, 38)}.${r.int(1, 9)} million at ${r.pick(['Hong Kong', 'London', 'New York'])} auction`,
    sentences: [
      `The bowl, decorated with blue dragons, had been in a private European collection since the 1920s.`,
      `Bidding lasted ${r.int(8, 25)} minutes, the auction house said.`,
      `The fine china was expected to sell for about half that.`,
    ],
  }),
];

export function writeWorldStory(r: Random, time: number): WorldStory {
  return r.pick(world)(r, time);
}
