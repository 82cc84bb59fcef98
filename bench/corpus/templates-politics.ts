import type { EventKind, KindTemplates } from './events.js';

type PoliticsKind = Extract<EventKind, 'summons' | 'talks' | 'exchange' | 'detention' | 'sanctions' | 'travel' | 'trade' | 'students'>;

/** Diplomacy, trade and people: protests, talks, visits, detentions, curbs, advisories. */
export const POLITICS: Record<PoliticsKind, KindTemplates> = {
  summons: {
    titles: [
      (f) => `Japan summons Chinese envoy over ${f.trigger.split(' ').slice(0, 8).join(' ')}`,
      (f) => `China lodges 'stern representations' with Japan after ${f.jpPerson}'s remarks on Taiwan`,
      (f) => `Tokyo protests to Beijing as consul general ${f.cnPerson2} posts on Taiwan; ${f.jpPerson} demands retraction`,
    ],
    leads: [
      (f) => `Japan's ${f.jpRole} ${f.jpPerson} summoned Chinese Ambassador Wu Jianghao on ${f.day} to protest ${f.trigger}, the Foreign Ministry said.`,
      (f) => `China's ${f.cnRole} ${f.cnPerson} said Beijing had lodged "stern representations" with Tokyo on ${f.day} over ${f.trigger}.`,
      (f) => `Chinese consul general ${f.cnPerson2} deleted a post on X on ${f.day} after Japan protested, but Tokyo demanded a formal apology, ${f.jpRole} ${f.jpPerson} said.`,
    ],
    extras: [
      (f) => `The embassy said ${f.cnPerson2} had only "stated China's solemn position".`,
      (f) => `It was the ${f.nth} summons this year, a ministry official said.`,
      (f) => `${f.party} lawmaker ${f.jpPerson2} urged the government to declare ${f.cnPerson2} persona non grata.`,
      (f) => `${f.cnRole} ${f.cnPerson} urged Japan to "stop provocative moves" over Taiwan.`,
    ],
  },
  talks: {
    titles: [
      (f) => `Japan, China foreign ministers meet ${f.minutes} minutes in ${f.city}, agree on ${f.n}-point plan`,
      (f) => `Takaichi and Xi hold ${f.minutes}-minute talks at ${f.summit} in ${f.city}`,
      (f) => `Japanese, Chinese officials ${f.jpPerson} and ${f.cnPerson} hold maritime talks in ${f.cnCity}`,
    ],
    leads: [
      (f) => `Foreign Minister Toshimitsu Motegi and his Chinese counterpart Wang Yi met for ${f.minutes} minutes in ${f.city} on ${f.day} on the sidelines of ${f.summit}, agreeing on a ${f.n}-point plan.`,
      (f) => `Prime Minister Sanae Takaichi and Chinese President Xi Jinping agreed on ${f.day} in ${f.city} to pursue "mutually beneficial relations" in ${f.minutes}-minute talks.`,
      (f) => `Japan's ${f.jpPerson} and China's ${f.cnPerson} met in ${f.cnCity} on ${f.day} for the ${f.nth} round of high-level maritime consultations.`,
    ],
    extras: [
      (f) => `The two sides discussed the detention of ${f.n} Japanese nationals and export controls on ${f.mineral}.`,
      (f) => `Wang urged Tokyo to "correct its erroneous remarks" on Taiwan, a readout posted ${f.n} hours later said.`,
      (f) => `Follow-up talks between ${f.jpPerson2} and ${f.cnPerson2} will be held in ${f.cnCity} within ${f.days} weeks.`,
      (f) => `They agreed to use the defense hotline set up in ${f.city} talks to avoid clashes.`,
    ],
  },
  exchange: {
    titles: [
      (f) => `Taiwan's ${f.twPerson} visits Tokyo, meets ${f.party} lawmakers on security`,
      (f) => `${f.m} Japanese lawmakers led by ${f.jpPerson} arrive in Taipei for ${f.days}-day visit`,
      (f) => `China protests Japan-Taiwan maritime dialogue in ${f.twPlace} led by ${f.jpPerson} and ${f.twPerson}`,
    ],
    leads: [
      (f) => `A delegation of ${f.m} Japanese lawmakers led by ${f.jpPerson} of the ${f.party} arrived in Taipei on ${f.day} and will meet President Lai Ching-te, Taiwan's foreign ministry said.`,
      (f) => `Taiwanese legislator ${f.twPerson} met ${f.party} lawmakers in Tokyo on ${f.day}, discussing disaster relief and maritime security.`,
    ],
    extras: [
      (f) => `China's Taiwan Affairs Office spokesperson ${f.cnPerson} said Beijing "firmly opposes" official exchanges with Taiwan.`,
      (f) => `${f.twPerson2} said the visit would include ${f.twPlace} and a TSMC plant in Kaohsiung.`,
      (f) => `${f.jpPerson2}, a former defense minister, joined the ${f.days}-day trip.`,
      () => `Japan maintains unofficial ties with Taiwan through the Japan-Taiwan Exchange Association.`,
    ],
  },
  detention: {
    titles: [
      (f) => `Chinese court sentences Japanese ${f.profession} ${f.jpPerson} to ${f.years} years for espionage`,
      (f) => `Japan demands release of ${f.company} employee detained in ${f.cnCity} on spying charges`,
      (f) => `Beijing confirms detention of ${f.company} employee ${f.jpPerson}, ${f.age}, in ${f.cnCity}`,
    ],
    leads: [
      (f) => `A court in ${f.cnCity} sentenced ${f.jpPerson}, a ${f.age}-year-old employee of ${f.company}, to ${f.years} years in prison on espionage charges, the Japanese embassy in Beijing said on ${f.day}.`,
      (f) => `Chinese authorities detained ${f.jpPerson}, a Japanese ${f.profession} working for ${f.company} in ${f.cnCity}, on suspicion of spying, spokesperson ${f.cnPerson} confirmed on ${f.day}.`,
    ],
    extras: [
      (f) => `Foreign Minister Toshimitsu Motegi called the ${f.years}-year sentence "extremely regrettable".`,
      (f) => `${f.company} said it was cooperating with the Japanese embassy and had no further comment.`,
      (f) => `The trial in ${f.cnCity} was closed, and consul ${f.jpPerson2} met ${f.jpPerson} ${f.n} times.`,
      (f) => `Business groups in ${f.cnCity} said the case had deepened anxiety among Japanese firms.`,
    ],
  },
  sanctions: {
    titles: [
      (f) => `China sanctions ${f.party} lawmaker ${f.jpPerson} over Taiwan visit, freezes assets`,
      (f) => `Beijing adds ${f.company} and ${f.firms} other Japanese firms to unreliable entity list over Taiwan arms`,
      (f) => `Taiwan Affairs Office bans ${f.n} Japanese groups linked to ${f.jpPerson}`,
    ],
    leads: [
      (f) => `China imposed sanctions on ${f.jpPerson}, a lawmaker of Japan's ${f.party}, on ${f.day}, freezing any assets in China over his ${f.days}-day visit to Taiwan, the foreign ministry said.`,
      (f) => `China's Ministry of Commerce added ${f.company} and ${f.firms} other Japanese companies to its export control list on ${f.day}, citing their military cooperation with Taiwan.`,
    ],
    extras: [
      (f) => `${f.jpPerson} said he was "honoured" and would visit Taiwan again.`,
      (f) => `Spokesperson ${f.cnPerson} said the measures were "a warning to those who collude with Taiwan independence forces".`,
      (f) => `${f.company} said it had no operations in China and expected little impact.`,
      (f) => `${f.jpRole} ${f.jpPerson2} called the sanctions "unacceptable".`,
    ],
  },
  travel: {
    titles: [
      (f) => `China urges citizens to avoid Japan; ${f.airline} cuts ${f.flights} flights to ${f.prefecture}`,
      (f) => `${f.airline} and others cancel ${f.flights} Japan flights after Beijing's travel advisory`,
      (f) => `${f.prefecture} hotels lose ${f.percent}% of Chinese bookings after China's travel warning on Japan`,
    ],
    leads: [
      (f) => `China advised its citizens on ${f.day} to avoid travel to Japan, and ${f.airline} said it would cancel ${f.flights} flights to ${f.prefecture} through next month.`,
      (f) => `Hotels in ${f.prefecture} reported a ${f.percent}% drop in Chinese bookings within a week of Beijing's advisory against travel to Japan, the prefecture's tourism association said on ${f.day}.`,
    ],
    extras: [
      (f) => `About ${f.visitors},000 Chinese visitors came to ${f.prefecture} last year, its governor ${f.jpPerson} said.`,
      (f) => `A travel agency in ${f.cnCity} said ${f.percent}% of group tours to Japan were cancelled.`,
      (f) => `${f.jpRole} ${f.jpPerson2} said there was no evidence of rising crime against Chinese nationals.`,
      (f) => `${f.airline} offered free refunds on Japan tickets until the end of ${f.days === 2 ? 'March' : 'the month'}.`,
    ],
  },
  trade: {
    titles: [
      (f) => `China suspends imports of Japanese ${f.seafood} from ${f.prefecture} and ${f.n} other prefectures`,
      (f) => `Beijing curbs ${f.mineral} exports to Japan; ${f.company} warns of ${f.days}-month shortage`,
      (f) => `${f.prefecture} ${f.seafood} exporters lose ${f.percent}% of sales as China import ban drags on`,
    ],
    leads: [
      (f) => `China's customs agency said on ${f.day} it would suspend imports of ${f.seafood} from ${f.prefecture} and ${f.n} other Japanese prefectures, pending inspections.`,
      (f) => `China's Ministry of Commerce said on ${f.day} it would require licences for ${f.mineral} exports to Japanese users, a move ${f.company} said could halt production in ${f.days} months.`,
    ],
    extras: [
      (f) => `${f.prefecture} shipped about ${f.visitors} tonnes of ${f.seafood} to China last year, governor ${f.jpPerson} said.`,
      (f) => `${f.jpRole} ${f.jpPerson2} called the ${f.mineral} curbs "economic coercion".`,
      (f) => `${f.company} sources about ${f.percent}% of its ${f.mineral} from China.`,
      (f) => `Commerce Ministry spokesperson ${f.cnPerson} said the measures were "legitimate".`,
    ],
  },
  students: {
    titles: [
      (f) => `China warns students against studying in Japan; ${f.visitors} enrolled at ${f.town} university`,
      (f) => `Japanese school in ${f.cnCity} closes for ${f.days} days after threats, embassy says`,
      (f) => `Chinese student ${f.cnPerson} detained in ${f.prefecture} after vandalism at Yasukuni, police say`,
    ],
    leads: [
      (f) => `China's education ministry urged students on ${f.day} to "carefully consider" studying in Japan, citing safety, and ${f.town} University said ${f.visitors} Chinese students were enrolled.`,
      (f) => `The Japanese school in ${f.cnCity} closed for ${f.days} days on ${f.day} after threatening calls, the Japanese Embassy in Beijing said.`,
    ],
    extras: [
      (f) => `University president ${f.jpPerson} said Chinese students were welcome in ${f.town}.`,
      (f) => `Consul ${f.jpPerson2} said the ${f.cnCity} school had asked police for protection.`,
      (f) => `Chinese spokesperson ${f.cnPerson} said the warning reflected a "deteriorating security environment" in Japan.`,
      (f) => `Applications from China to ${f.prefecture} schools fell ${f.percent}%, officials said.`,
    ],
  },
};
