// Deterministic synthetic Swedish association names for benchmarks. The vocabulary is generic
// (places built from common name parts, activities, adjectives, abstract nouns, person names), so
// token frequencies look like a real register: a long tail of place names, a few very common words.
import { luhnCheckDigit } from '../../src/shared/swedish-ids';
import type { MatchableEntry } from '../../src/watchlist/matcher';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACE_START = (
  'Björk Sjö Lin Ek Berg Hav Stor Lill Norr Söder Väster Öster Ås Bred Hög Lång Gran Tall Ask Alm Rönn Sand Sten ' +
  'Mal Kal Hag Far Sol Vall Ström Fors Kvarn Kyrk Mark Häll Ljung Mo Ny Gam Tor Ulls Frö Rå Vik Hol Ed Lund Äng ' +
  'Hässel Karl Kristin Gustav Ulrik Sig Val Hjort Örn Falk Svan Trån Lo Varg Björn Ulv Ram Sunn Ros Lilje Vret Skog'
).split(' ');
const PLACE_END = (
  'vik berg by sund holm torp hamn dal ås näs köping stad bo lund fors tuna hult ryd ängen heden malm sjö å backa ' +
  'höjden udden viken gården strand stad borg hyttan mora fjäll kulla sta inge löv'
).split(' ');
const ACTIVITIES = (
  'Fotbolls Schack Bridge Dans Konst Musik Kör Brukshunds Scout Pensionärs Hembygds Odlar Tennis Golf Ridsports ' +
  'Kampsports Boxnings Sim Segel Skid Orienterings Friidrotts Handbolls Innebandy Judo Karate Bowling Biljard Foto ' +
  'Film Teater Läse Studie Ungdoms Kvinno Invandrar Kultur Föräldra Hyresgäst Villaägar Båt Motor Jakt Fiske Natur ' +
  'Miljö Djur Hunds Katt Häst Trädgårds Slöjd Vävstuge Spelmans Folkdans Schack Go Shogi Brottnings Cykel Löpar ' +
  'Klätter Paddel Kanot Ryttar Sportfiske Idrotts Gymnastik Volleyboll Basket Rugby Curling Bandy Hockey Konståkning'
).split(' ');
const HEADS = (
  'förening föreningen klubb klubben sällskap sällskapet förbund förbundet kår cirkel gille lag grupp nätverk ' +
  'akademi allians samfund'
).split(' ');
const ADJECTIVES = (
  'Svenska Nordiska Unga Gamla Nya Fria Röda Gröna Blå Gula Svarta Vita Norra Södra Västra Östra Förenade Enade ' +
  'Aktiva Sanna Äkta Folkliga Nationella Radikala Autonoma Öppna Glada Stora Lilla Kristna Islamiska ' +
  'Demokratiska Socialistiska Liberala Konservativa Internationella Kurdiska Somaliska Syriska Finska Eritreanska'
).split(' ');
const NOUNS = (
  'Framtid Frihet Enighet Solidaritet Rättvisa Styrka Ljuset Gryning Stormen Källan Vägen Gnistan Väktaren Ära ' +
  'Hopp Fred Gemenskap Vänskap Glädje Kraft Mod Trygghet Kunskap Bron Hemmet Ankaret Fyren Eken Linden Stjärnan ' +
  'Solen Månen Vågen Vinden Elden Berget Skogen Ängen Fjärilen Falken Örnen Vargen Björnen Lejonet Draken Ugglan ' +
  'Svalan Tranan Rosen Liljan Näckrosen Pärlan Kronan Svärdet Skölden Fanan Facklan Lyktan Kompassen Seglet'
).split(' ');
const CLASS_NOUNS =
  'Rörelsen Fronten Förbundet Alliansen Nätverket Kollektivet Ligan Gillet Samfundet Brödraskapet'.split(' ');
const FIRST = (
  'Anna Maria Karin Eva Lena Sara Emma Elin Ida Johanna Erik Lars Karl Anders Johan Per Mikael Nils Olof Jan ' +
  'Ahmed Mohammed Ali Fatima Amina Omar Hassan Leila Yusuf Zeynep Mehmet Aida Ivan Olga Tomas Marek Ana Luis'
).split(' ');
const LAST = (
  'Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Jonsson ' +
  'Jansson Hansson Bengtsson Lindberg Lindqvist Lindgren Berg Bergström Holm Sandberg Lundgren Ali Hassan ' +
  'Mohammed Yilmaz Nowak Kowalski Ivanova Garcia Lindström Engström Ekström Dahl Forsberg Sjöberg Wallin Hedlund'
).split(' ');
const LEGAL_SUFFIX = ['ideell förening', 'IF', 'IK', 'BK', 'ekonomisk förening', 'Stiftelse', 'AB'];

export class NameGenerator {
  private readonly rnd: () => number;

  constructor(seed: number) {
    this.rnd = prng(seed);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rnd() * list.length)]!;
  }

  place(): string {
    const p = this.pick(PLACE_START) + this.pick(PLACE_END);
    return p[0]!.toUpperCase() + p.slice(1).toLowerCase();
  }

  private genitive(place: string): string {
    return place.endsWith('s') ? place : `${place}s`;
  }

  private activity(): string {
    return this.pick(ACTIVITIES) + this.pick(HEADS);
  }

  organisationName(): string {
    const r = this.rnd();
    let name: string;
    if (r < 0.22) name = `${this.genitive(this.place())} ${this.activity()}`;
    else if (r < 0.34) name = `${this.pick(ADJECTIVES)} ${this.pick(NOUNS)}`;
    else if (r < 0.46) name = `Föreningen ${this.pick(NOUNS)} ${this.place()}`;
    else if (r < 0.58) name = `${this.place()} ${this.activity()}`;
    else if (r < 0.68) name = `${this.pick(ADJECTIVES)} ${this.pick(ADJECTIVES)} ${this.pick(CLASS_NOUNS)}`;
    else if (r < 0.78) name = `${this.activity()} ${this.pick(NOUNS)} ${this.place()}`;
    else if (r < 0.85) name = `${this.pick(['IF', 'IK', 'BK', 'FK'])} ${this.place()}`;
    else if (r < 0.9)
      name = `${this.pick(FIRST)} ${this.pick(LAST)}s ${this.pick(['minnesfond', 'stiftelse', 'vänner'])}`;
    else name = `${this.pick(ADJECTIVES)} ${this.genitive(this.place())} ${this.activity()}`;
    const capitalised = name.replace(/(^|\s)(\p{Ll})/gu, (m, sp: string, c: string) =>
      sp === '' ? c.toUpperCase() : m,
    );
    return this.rnd() < 0.08 ? `${capitalised} ${this.pick(LEGAL_SUFFIX)}` : capitalised;
  }

  personName(): string {
    return `${this.pick(FIRST)} ${this.rnd() < 0.3 ? `${this.pick(FIRST)} ` : ''}${this.pick(LAST)}`;
  }

  orgNumber(): string {
    const first = this.pick(['8', '8', '8', '7', '5']);
    let nine = first + String(Math.floor(this.rnd() * 10)) + String(20 + Math.floor(this.rnd() * 80));
    while (nine.length < 9) nine += String(Math.floor(this.rnd() * 10));
    const ten = nine + String(luhnCheckDigit(nine));
    return `${ten.slice(0, 6)}-${ten.slice(6)}`;
  }

  entry(i: number): MatchableEntry {
    const person = this.rnd() < 0.05;
    const name = person ? this.personName() : this.organisationName();
    const aliases: string[] = [];
    if (!person && this.rnd() < 0.12) {
      aliases.push(this.rnd() < 0.5 ? this.initials(name) : this.organisationName());
    }
    return {
      id: `S${String(i).padStart(7, '0')}`,
      subjectKind: person ? 'person' : 'organisation',
      name,
      aliases,
      orgNumber: !person && this.rnd() < 0.7 ? this.orgNumber() : null,
    };
  }

  private initials(name: string): string {
    return name
      .split(' ')
      .filter((w) => w.length > 2)
      .map((w) => w[0]!.toUpperCase())
      .join('');
  }

  /** One edit (delete, insert, substitute, transpose) in a random word of four or more letters. */
  typo(name: string): string {
    const words = name.split(' ');
    const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4);
    if (candidates.length === 0) return name;
    const [w, wi] = this.pick(candidates);
    const pos = 1 + Math.floor(this.rnd() * (w.length - 1));
    const letter = this.pick('abcdefghijklmnoprstuvy'.split(''));
    const op = Math.floor(this.rnd() * 4);
    let out: string;
    if (op === 0) out = w.slice(0, pos) + w.slice(pos + 1);
    else if (op === 1) out = w.slice(0, pos) + letter + w.slice(pos);
    else if (op === 2) out = w.slice(0, pos) + letter + w.slice(pos + 1);
    else out = pos < w.length - 1 ? w.slice(0, pos) + w[pos + 1] + w[pos] + w.slice(pos + 2) : w.slice(0, -1);
    words[wi] = out;
    return words.join(' ');
  }

  /** A spelling variant a person would still recognise: case, folded letters, legal form, word order. */
  variant(name: string): string {
    const r = Math.floor(this.rnd() * 5);
    if (r === 0) return name.toUpperCase();
    if (r === 1)
      return name.replace(/[åä]/g, 'a').replace(/[ÅÄ]/g, 'A').replace(/ö/g, 'o').replace(/Ö/g, 'O');
    if (r === 2) return `${name} ideell förening`;
    if (r === 3) return name.replace(/ö/g, 'oe').replace(/ä/g, 'ae').replace(/å/g, 'aa');
    const words = name.split(' ');
    if (words.length >= 2) [words[0], words[1]] = [words[1]!, words[0]!];
    return words.join(' ');
  }
}

export type QueryKind = 'exact' | 'typo' | 'variant' | 'nonmatch';

export interface BenchQuery {
  kind: QueryKind;
  name: string;
  expected: string | null;
}

/** A mix of queries against `entries`: a quarter each exact, typo, variant and (probably) non-matching. */
export function benchQueries(entries: readonly MatchableEntry[], count: number, seed: number): BenchQuery[] {
  const gen = new NameGenerator(seed);
  const rnd = prng(seed ^ 0x5bd1e995);
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const kind = (['exact', 'typo', 'variant', 'nonmatch'] as const)[i % 4]!;
    if (kind === 'nonmatch') {
      out.push({ kind, name: gen.organisationName(), expected: null });
      continue;
    }
    const e = entries[Math.floor(rnd() * entries.length)]!;
    const name = kind === 'exact' ? e.name : kind === 'typo' ? gen.typo(e.name) : gen.variant(e.name);
    out.push({ kind, name, expected: e.id });
  }
  return out;
}
