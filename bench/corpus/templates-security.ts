import type { EventKind, KindTemplates } from './events.js';

type SecurityKind = Extract<EventKind, 'coastGuard' | 'drills' | 'adiz' | 'drones' | 'carrier' | 'radar' | 'kinmen' | 'survey' | 'cable'>;

/**
 * Military and maritime incidents. Every phrasing carries several of the event's own facts (ship
 * numbers, names, towns, counts), as real reports do: that is what tells one incursion from the next.
 */
export const SECURITY: Record<SecurityKind, KindTemplates> = {
  coastGuard: {
    titles: [
      (f) => `${f.n} Chinese coast guard ships led by ${f.hull} enter Japanese waters ${f.area}, stay ${f.hours} hours`,
      (f) => `Japan protests as ${f.hull} and ${f.hull2} linger in Senkaku waters, chase ${f.maru}`,
      (f) => `Chinese coast guard ships tail Japanese fishing boat ${f.maru} from ${f.town} off Senkaku Islands`,
      (f) => `${f.town} fishermen say Chinese ships ${f.hull} and ${f.hull2} forced them from Senkaku grounds`,
    ],
    leads: [
      (f) => `${f.n} China Coast Guard vessels, including the ${f.hull} and the ${f.hull2}, entered Japan's territorial waters ${f.area} on ${f.day} and stayed for about ${f.hours} hours.`,
      (f) => `Chinese coast guard ships sailed into waters ${f.area} on ${f.day}, approaching the ${f.maru} and its ${f.crew} crew members from ${f.town}, according to the 11th Regional Coast Guard Headquarters.`,
      (f) => `The ${f.maru}, a fishing boat from ${f.town}, was followed for ${f.hours} hours by the ${f.hull} and ${f.n} other Chinese vessels, the Japan Coast Guard said on ${f.day}.`,
    ],
    extras: [
      (f) => `${f.jpRole} ${f.jpPerson} said Japan had lodged a protest through diplomatic channels.`,
      (f) => `China's coast guard spokesperson ${f.cnPerson} said the ${f.hull} had "expelled" the ${f.maru} from China's Diaoyu waters.`,
      (f) => `It was the ${f.nth} intrusion into the area's territorial waters this year.`,
      (f) => `Captain ${f.jpPerson2} of the ${f.maru} told reporters in ${f.town} that the ships came within ${f.km} metres.`,
      (f) => `The ${f.hull2} was armed with what appeared to be a 76-millimetre cannon, officials said.`,
      (f) => `The fishing cooperative in ${f.town} asked the government for escorts, its head ${f.jpPerson2} said.`,
    ],
  },
  drills: {
    titles: [
      (f) => `China launches '${f.op}' drills around Taiwan with ${f.m} warships, live fire off ${f.twPlace}`,
      (f) => `PLA Eastern Theater Command stages ${f.op} exercises encircling Taiwan for ${f.days} days`,
      (f) => `Taiwan condemns ${f.op} war games as ${f.m} warships and ${f.sorties} aircraft surround island`,
      (f) => `${f.op}: Chinese drills simulate blockade of ${f.port} port, ${f.n} live-fire zones declared`,
    ],
    leads: [
      (f) => `China's military began ${f.op}, a ${f.days}-day exercise around Taiwan, on ${f.day}, deploying ${f.m} warships and ${f.sorties} aircraft in ${f.n} zones, the Eastern Theater Command said.`,
      (f) => `Chinese forces staged live-fire drills ${f.km} kilometres off ${f.twPlace} on ${f.day} as part of the ${f.op} exercises, Beijing's "stern warning" to separatist forces.`,
      (f) => `Taiwan put its forces on alert on ${f.day} after China announced ${f.op}, with ${f.n} exclusion zones near ${f.port} and ${f.twPlace}.`,
    ],
    extras: [
      (f) => `Presidential Office spokesperson ${f.twPerson} called ${f.op} "a provocation that threatens regional peace".`,
      (f) => `Eastern Theater Command spokesperson ${f.cnPerson} said the ${f.op} drills tested "joint blockade and precision strikes".`,
      (f) => `Japan's Defense Ministry said it was monitoring ${f.op} "with strong interest", ${f.jpRole} ${f.jpPerson} said.`,
      (f) => `Maritime notices closed an area ${f.km} km off ${f.twPlace} to shipping for ${f.days} days.`,
      (f) => `Flights from ${f.port} were rerouted, Taiwan's aviation authority said, affecting about ${f.flights} departures.`,
      (f) => `Analyst ${f.twPerson2} said ${f.op} was the largest exercise near ${f.twPlace} in ${f.n} years.`,
    ],
  },
  adiz: {
    titles: [
      (f) => `Taiwan detects ${f.sorties} Chinese military aircraft, ${f.m} ships near ${f.twPlace} in 24 hours`,
      (f) => `${f.m} PLA aircraft cross Taiwan Strait median line as ${f.aircraftType} flies near ${f.twPlace}`,
      (f) => `Chinese balloon and ${f.sorties} warplanes tracked ${f.km} km from ${f.twPlace}, Taiwan says`,
    ],
    leads: [
      (f) => `Taiwan's defense ministry said it detected ${f.sorties} Chinese military aircraft and ${f.m} naval vessels around the island in the 24 hours to 6 a.m. on ${f.day}, many near ${f.twPlace}.`,
      (f) => `Chinese fighter jets, drones and a ${f.aircraftType} were among ${f.sorties} aircraft tracked near Taiwan, ${f.m} of which crossed the median line, the ministry said on ${f.day}.`,
    ],
    extras: [
      (f) => `${f.n} of the aircraft entered the southwestern air defense identification zone near ${f.twPlace}.`,
      (f) => `Taiwan's forces dispatched patrol aircraft and coastal missile systems from ${f.port}, spokesperson ${f.twPerson} said.`,
      (f) => `The activity was the highest since ${f.op}, lawmaker ${f.twPerson2} said.`,
      (f) => `A Chinese balloon was also spotted ${f.km} km northwest of ${f.port}.`,
    ],
  },
  drones: {
    titles: [
      (f) => `Japan scrambles jets as ${f.n} Chinese drones fly between ${f.island} and Taiwan`,
      (f) => `Chinese ${f.aircraftType} spotted ${f.km} km off ${f.island} for ${f.nth} time, Japan says`,
      (f) => `Japan's ASDF tracks Chinese ${f.aircraftType} over ${f.strait}, ${f.island} on alert`,
    ],
    leads: [
      (f) => `The Air Self-Defense Force scrambled fighter jets on ${f.day} after ${f.n} Chinese drones flew through ${f.strait} toward ${f.island}, the Joint Staff Office said.`,
      (f) => `A Chinese ${f.aircraftType} flew about ${f.km} km off ${f.island} on ${f.day}, prompting Japan to scramble fighters, the Defense Ministry said.`,
    ],
    extras: [
      (f) => `No violation of Japanese airspace was confirmed, ${f.jpRole} ${f.jpPerson} said.`,
      (f) => `It was the ${f.nth} drone flight near ${f.island} confirmed this year.`,
      (f) => `The mayor of ${f.island}, ${f.jpPerson2}, asked Tokyo to speed up shelter construction.`,
      (f) => `The drones returned toward ${f.cnCity} after about ${f.hours} hours, the Joint Staff said.`,
    ],
  },
  carrier: {
    titles: [
      (f) => `Chinese carrier ${f.carrier} sails through ${f.strait} with ${f.n} escorts, jets fly ${f.sorties} sorties`,
      (f) => `Japan monitors ${f.carrier} carrier group ${f.km} km off ${f.island} as destroyers shadow`,
      (f) => `China's ${f.carrier} enters Pacific near ${f.island}; Japan counts ${f.sorties} takeoffs`,
    ],
    leads: [
      (f) => `China's aircraft carrier ${f.carrier} and ${f.n} escort ships passed through ${f.strait} on ${f.day}, Japan's Defense Ministry said, adding that jets made ${f.sorties} takeoffs and landings.`,
      (f) => `A Japanese destroyer shadowed the carrier ${f.carrier} ${f.km} km southwest of ${f.island} on ${f.day}, the Joint Staff Office said.`,
    ],
    extras: [
      (f) => `The ${f.carrier} group included the destroyer ${f.hull.replace('Haijing', 'Nanchang')} and a supply ship.`,
      (f) => `Fighter jets aboard the ${f.carrier} conducted ${f.sorties} sorties over ${f.days} days.`,
      (f) => `${f.jpRole} ${f.jpPerson} said Japan had conveyed its concerns to Beijing.`,
      (f) => `Chinese navy spokesperson ${f.cnPerson} said the ${f.carrier} drills were routine.`,
    ],
  },
  radar: {
    titles: [
      (f) => `Chinese J-15s from ${f.carrier} locked radar on Japanese jets near ${f.island} for ${f.minutes} minutes`,
      (f) => `Japan protests 'abnormal approach' by Chinese ${f.aircraftType} ${f.km} km off ${f.island}`,
      (f) => `Japan says Chinese jet came within ${f.n * 10} metres of surveillance plane near ${f.island}`,
    ],
    leads: [
      (f) => `A Chinese J-15 from the carrier ${f.carrier} directed its radar at a Japanese F-15 for about ${f.minutes} minutes ${f.km} km southeast of ${f.island} on ${f.day}, the Defense Ministry said.`,
      (f) => `A Chinese ${f.aircraftType} came within ${f.n * 10} metres of a Japanese surveillance plane near ${f.island} on ${f.day}, Defense Minister Shinjiro Koizumi said.`,
    ],
    extras: [
      () => `Koizumi called the act "dangerous" and said it went beyond what is necessary for safe flight.`,
      (f) => `China's defense ministry spokesperson ${f.cnPerson} accused Japan of "malicious hype".`,
      (f) => `Tokyo lodged a protest with Beijing on ${f.day} night, ${f.jpRole} ${f.jpPerson} said.`,
      (f) => `Pilot ${f.jpPerson2} was unhurt and returned to Naha, the ministry said.`,
    ],
  },
  kinmen: {
    titles: [
      (f) => `Taiwan coast guard expels ${f.n} Chinese coast guard ships from Kinmen waters, ${f.hull} warned`,
      (f) => `Chinese coast guard boards Taiwanese tourist boat ${f.code} near Kinmen, questions ${f.crew} crew`,
      (f) => `Taiwan protests 'law enforcement patrol' by ${f.hull} off Kinmen, ${f.n}th this month`,
    ],
    leads: [
      (f) => `Taiwan's Coast Guard Administration said ${f.n} Chinese coast guard vessels, including the ${f.hull}, entered restricted waters off Kinmen on ${f.day} and were driven away after ${f.hours} hours.`,
      (f) => `Chinese coast guard personnel boarded a Taiwanese boat near Kinmen on ${f.day}, checking its ${f.crew} crew for ${f.minutes} minutes, Taiwan's Mainland Affairs Council said.`,
    ],
    extras: [
      (f) => `Mainland Affairs Council spokesperson ${f.twPerson} called the patrol "harassment".`,
      (f) => `China's Taiwan Affairs Office spokesperson ${f.cnPerson} said the patrols near Kinmen would continue.`,
      (f) => `Kinmen county official ${f.twPerson2} said ferry services to ${f.cnCity} were not affected.`,
      (f) => `It was the ${f.nth} such incursion near Kinmen this year.`,
    ],
  },
  survey: {
    titles: [
      (f) => `Japan protests Chinese survey ship ${f.code} operating in EEZ ${f.km} km off ${f.island}`,
      (f) => `Chinese buoy ${f.code} found near ${f.island}, Japan demands removal within ${f.days} days`,
      (f) => `China's research vessel ${f.code} lowers wire into Japan's EEZ near ${f.island}, coast guard says`,
    ],
    leads: [
      (f) => `The Japan Coast Guard said the Chinese research ship ${f.code} was seen lowering equipment ${f.km} km northwest of ${f.island} inside Japan's exclusive economic zone on ${f.day}.`,
      (f) => `A Chinese buoy marked ${f.code} was found ${f.km} km off ${f.island} on ${f.day}, and Japan asked China to remove it, the Foreign Ministry said.`,
    ],
    extras: [
      (f) => `Japan had not given consent for the survey, ${f.jpRole} ${f.jpPerson} said.`,
      (f) => `Chinese spokesperson ${f.cnPerson} said the ${f.code} was in waters "under China's jurisdiction".`,
      (f) => `Fishermen from ${f.town} reported seeing the ${f.code} for ${f.days} days.`,
      (f) => `Lawmaker ${f.jpPerson2} of the ${f.party} called for a stronger response.`,
    ],
  },
  cable: {
    titles: [
      (f) => `Taiwan says Chinese-crewed ship cut undersea cable to ${f.twPlace}, ${f.n} lines down`,
      (f) => `Taiwan detains freighter ${f.code} after cable damage near ${f.twPlace}, ${f.crew} Chinese crew held`,
      (f) => `Japan and Taiwan discuss cable security after damage off ${f.twPlace} blamed on ship ${f.code}`,
    ],
    leads: [
      (f) => `Taiwan's coast guard detained the freighter ${f.code} and its ${f.crew} Chinese crew members on ${f.day} after an undersea cable linking ${f.twPlace} with Taiwan was cut, officials said.`,
      (f) => `Internet links to ${f.twPlace} were disrupted on ${f.day} after ${f.n} undersea cables were damaged, Taiwan said, suspecting the ship ${f.code}, which had circled the area for ${f.hours} hours.`,
    ],
    extras: [
      (f) => `Taiwan's digital minister ${f.twPerson} said repairs would take about ${f.days} weeks.`,
      (f) => `Beijing's spokesperson ${f.cnPerson} said Taiwan was "hyping" an accident.`,
      (f) => `Japan's ${f.jpRole} ${f.jpPerson} said Tokyo would work with Taipei on cable protection.`,
      (f) => `Prosecutor ${f.twPerson2} said the captain of the ${f.code} would be charged.`,
    ],
  },
};
