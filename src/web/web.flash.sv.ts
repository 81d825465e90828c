// What a page says once after a form post has done its work ("Föreningen är registrerad."). The
// redirect's address names the message by its key (?klart=forening-registrerad), so no text typed by
// anyone travels in an address, and a page naming a message that has no text does not compile.

/** The query parameter that names the message. */
export const FLASH_PARAM = 'klart';

export const FLASH_TEXT = {
  'forening-registrerad': 'Föreningen är registrerad.',
  'ansokan-mottagen': 'Ansökan är registrerad som mottagen.',
  'uppgift-registrerad': 'Uppgiften är registrerad på ansökan.',
  granskad: 'Ansökan är granskad. Rekommendationen och skälen visas nedan.',
  'post-tillagd': 'Posten är tillagd i bevakningslistan.',
  'post-avregistrerad': 'Posten är avregistrerad. Den finns kvar men ger inte längre träffar.',
  'beslut-vantar':
    'Beslutsförslaget är registrerat. Det får verkan först när den som har delegation (eller nämnden) har beslutat.',
  'beslut-slutligt': 'Beslutet är fattat. Beslutsbrevet är skrivet och sparat.',
  'beslut-godkant': 'Du har fattat beslutet. Beslutsbrevet är skrivet och sparat.',
  'namndbeslut-registrerat':
    'Nämndens beslut är registrerat med sammanträdesdatum och paragraf. Beslutsbrevet är skrivet och sparat.',
  'beslut-aterlamnat': 'Beslutsförslaget är återlämnat med ditt skäl. Det får ingen verkan.',
  'stodbeslut-vantar':
    'Beslutsförslaget är registrerat. Det får verkan först när den som har delegation (eller nämnden) har beslutat.',
  'paminnelse-utford': 'Påminnelsen är markerad som utförd.',
  'hanvisning-avslutad': 'Beskedet är lämnat. Bokningspersonalen ser det under sina kontroller.',
  'kommunicering-sparad':
    'Kommuniceringsbrevet är skrivet och sparat. Skicka det till föreningen; när svaret kommer registrerar du det här.',
  'svar-registrerat': 'Föreningens svar är registrerat.',
  'inget-svar-registrerat': 'Det är registrerat att inget svar kom före sista svarsdag.',
  'handlaggare-bytt': 'Ärendet har fått en ny handläggare.',
  'anvandare-sparrad': 'Användaren är spärrad. Sessioner och nyckel slutade gälla direkt.',
  'anvandare-aktiverad': 'Användaren är aktiv igen och kan logga in med sin nyckel.',
  'roll-andrad': 'Rollen är ändrad. Den gäller från användarens nästa begäran.',
  utloggad: 'Du är utloggad.',
} as const satisfies Record<string, string>;

export type FlashKey = keyof typeof FLASH_TEXT;

/** The message a key names; undefined for anything else (own keys only: not ?klart=constructor). */
export function flashText(key: unknown): string | undefined {
  return typeof key === 'string' && Object.hasOwn(FLASH_TEXT, key) ? FLASH_TEXT[key as FlashKey] : undefined;
}
