// Hand-written material for the international development set (scripts/make-intl-devset.ts). Written
// from general knowledge for this project: invented organisation names in the shapes foreign
// registers and sanctions lists use, and common given names and surnames of many languages. No part
// is taken from any published name-matching evaluation set.

/** A legal form as lists write it: the short form, the long form, and another equivalent. */
export interface Form {
  short: string;
  long: string;
  other?: string;
}

export const FORMS: Form[] = [
  { short: 'GmbH', long: 'Gesellschaft mit beschränkter Haftung' },
  { short: 'AG', long: 'Aktiengesellschaft' },
  { short: 'Ltd', long: 'Limited' },
  { short: 'PLC', long: 'Public Limited Company' },
  { short: 'LLC', long: 'Limited Liability Company', other: 'L.L.C.' },
  { short: 'OOO', long: 'Obshchestvo s Ogranichennoy Otvetstvennostyu', other: 'LLC' },
  { short: 'JSC', long: 'Joint Stock Company', other: 'AO' },
  { short: 'PJSC', long: 'Public Joint Stock Company', other: 'PAO' },
  { short: 'OJSC', long: 'Open Joint-Stock Company', other: 'OAO' },
  { short: 'CJSC', long: 'Closed Joint Stock Company', other: 'ZAO' },
  { short: 'S.R.L.', long: 'Societatea cu Răspundere Limitată', other: 'SRL' },
  { short: 'Sp. z o.o.', long: 'Spółka z ograniczoną odpowiedzialnością', other: 'Sp. z oo' },
  { short: 'Corp.', long: 'Corporation', other: 'Corp' },
  { short: 'Inc.', long: 'Incorporated', other: 'Inc' },
  { short: 'Co.', long: 'Company' },
  { short: 'S.A.', long: 'Société Anonyme', other: 'SA' },
  { short: 'SAS', long: 'Société par actions simplifiée' },
  { short: 'S.p.A.', long: 'Società per Azioni' },
  { short: 'SARL', long: 'Société à responsabilité limitée', other: 'S.à r.l.' },
  { short: 'B.V.', long: 'Besloten Vennootschap', other: 'BV' },
  { short: 'N.V.', long: 'Naamloze Vennootschap', other: 'NV' },
  { short: 'Oy', long: 'Osakeyhtiö' },
  { short: 'AS', long: 'Aksjeselskap' },
  { short: 'A/S', long: 'Aktieselskab' },
  { short: 'ApS', long: 'Anpartsselskab' },
  { short: 's.r.o.', long: 'společnost s ručením omezeným' },
  { short: 'Kft.', long: 'Korlátolt Felelősségű Társaság' },
  { short: 'KK', long: 'Kabushiki Kaisha' },
];

/** Distinctive parts of organisation names (invented): two words, the second sometimes generic. */
// prettier-ignore
export const ORG_CORES: string[] = [
  'Bosch Armaturen', 'Gazprom Neft', 'Kestrel Avionics', 'Baltic Timber', 'Northwind Shipping',
  'Volga Chemicals', 'Amber Coast Logistics', 'Danube Steelworks', 'Carpathian Mining',
  'Helvetia Precision', 'Ural Machinery', 'Caspian Drilling', 'Silesia Coal', 'Rhein Pharma',
  'Adriatic Ferries', 'Nordlys Fiske', 'Vistula Grain', 'Sahara Minerals', 'Tigris Petroleum',
  'Andes Copper', 'Orinoco Energy', 'Mekong Rice', 'Kalahari Diamonds', 'Aegean Marine',
  'Ligurian Olive', 'Bohemia Glassworks', 'Tatra Motors', 'Pannonia Agro', 'Transvaal Gold',
  'Siberian Timber', 'Arctic Fisheries', 'Crimson Falcon', 'Blue Lotus', 'Iron Crescent',
  'Golden Horn Finance', 'Silver Birch', 'Red Sea Trading', 'Black Sea Grain', 'White Nile Cotton',
  'Green Valley Dairy', 'Meridian Capital', 'Zenith Aerospace', 'Polaris Telecom', 'Orion Defence',
  'Vega Optics', 'Altair Robotics', 'Sirius Satellite', 'Cobalt Resources', 'Obsidian Security',
  'Granite Cement', 'Basalt Quarry', 'Marmara Textiles', 'Anatolia Tobacco', 'Levant Shipping',
  'Persian Carpet', 'Khyber Transport', 'Indus Cotton', 'Bengal Jute', 'Ceylon Tea',
  'Malacca Rubber', 'Borneo Palm', 'Sumatra Coffee', 'Java Spice', 'Luzon Sugar',
  'Yangtze Freight', 'Amur Forestry', 'Baikal Water', 'Lena Diamonds', 'Kolyma Gold',
  'Taiga Fur', 'Steppe Horse', 'Altai Honey', 'Pamir Minerals', 'Tian Shan Energy',
  'Oasis Dates', 'Atlas Mountain Argan', 'Sinai Stone', 'Nubian Granite', 'Zambezi Power',
  'Limpopo Citrus', 'Okavango Safari', 'Serengeti Beef', 'Kilimanjaro Coffee', 'Rift Valley Flowers',
  'Cascade Timber', 'Sierra Silver', 'Mojave Solar', 'Yukon Mining', 'Labrador Iron',
  'Patagonia Wool', 'Pampas Cattle', 'Amazonas Cocoa', 'Caribbean Rum', 'Bermuda Reinsurance',
  'Harbour Bridge', 'Kingfisher Aviation', 'Peregrine Logistics', 'Osprey Marine', 'Albatross Fishing',
  'Condor Airlines', 'Heron Pharmaceuticals', 'Pelican Ports', 'Raven Arms', 'Sparrow Foods',
];

/** Invented names with a number or ordinal in them: [as listed, as queried]. */
export const NUMBER_PAIRS: Array<[string, string]> = [
  ['Second Street Bank', '2nd Street Bank'],
  ['Brigade 12', 'Brigade Twelve'],
  ['44 Capital Partners', 'Forty-Four Capital Partners'],
  ['First Baltic Shipping Ltd', '1st Baltic Shipping Ltd'],
  ['Tolv Stenar Fastigheter', '12 Stenar Fastigheter'],
  ['Fyrtiofyra Grader', '44 Grader'],
  ['Third Avenue Holdings', '3rd Avenue Holdings'],
  ['Battalion 21', 'Battalion Twenty-One'],
  ['Första Sparbanken Norr', '1:a Sparbanken Norr'],
  ['Seven Seas Trading LLC', '7 Seas Trading LLC'],
  ['Fifth Regiment Veterans', '5th Regiment Veterans'],
  ['Twentieth Century Metals', '20th Century Metals'],
  ['Unit 731 Research', 'Unit Seven Hundred Thirty-One Research'],
  ['Ninety-Nine Rivers Fund', '99 Rivers Fund'],
  ['Andra Kammaren Invest', '2nd Kammaren Invest'],
  ['Division 13', 'Division Thirteen'],
  ['Tre Kronor Import', '3 Kronor Import'],
  ['Eleventh Hour Media', '11th Hour Media'],
  ['Sixty Six Oil Services', '66 Oil Services'],
  ['Tjugotvå Ekar', '22 Ekar'],
];

/** Numbered names that are different bodies: [listed, queried]. */
export const NUMBER_NEGATIVES: Array<[string, string]> = [
  ['Brigade 12', 'Brigade 13'],
  ['Second Street Bank', 'Third Street Bank'],
  ['44 Capital Partners', '45 Capital Partners'],
  ['Battalion 21', 'Battalion 12'],
  ['Division 13', 'Division 31'],
  ['Fifth Regiment Veterans', 'Sixth Regiment Veterans'],
  ['Tre Kronor Import', 'Fyra Kronor Import'],
  ['Seven Seas Trading LLC', 'Eight Seas Trading LLC'],
];

/** Other written-form differences, by hand: [kind, listed, queried, label]. */
export const WRITTEN_PAIRS: Array<[string, string, string, 'match' | 'no_match']> = [
  ['org_apostrophe', "Al-Qa'ida in the Northern Desert", 'Al Qaida in the Northern Desert', 'match'],
  ['org_apostrophe', "Jama'at Nasr al-Haqq", 'Jamaat Nasr al Haqq', 'match'],
  ['org_apostrophe', "O'Neill Haulage Ltd", 'ONeill Haulage Ltd', 'match'],
  ['org_apostrophe', "Ansar al-Shari'a Brigade", 'Ansar al Sharia Brigade', 'match'],
  ['org_apostrophe', "D'Arcy Vintners", 'DArcy Vintners', 'match'],
  ['org_article', 'The Crimson Hand', 'Crimson Hand', 'match'],
  ['org_article', 'The Northern Resistance Front', 'Northern Resistance Front', 'match'],
  ['org_article', 'Crimson Hand Movement', 'The Crimson Hand Movement', 'match'],
  ['org_article', 'The Order of the Black Sun', 'Order of Black Sun', 'match'],
  ['org_joined', 'Gazprom Neft', 'Gazpromneft', 'match'],
  ['org_joined', 'Petro Chem Industries', 'Petrochem Industries', 'match'],
  ['org_joined', 'Seastar Shipping', 'Sea Star Shipping', 'match'],
  ['org_joined', 'Rosneft Trading', 'Ros Neft Trading', 'match'],
  ['org_joined', 'Sovcomflot', 'Sovcom Flot', 'match'],
  ['org_joined', 'Blue Water Holdings', 'Bluewater Holdings', 'match'],
  ['org_initialism', 'I.R.G.C. Logistics', 'IRGC Logistics', 'match'],
  ['org_initialism', 'U.S. Steel Trading', 'US Steel Trading', 'match'],
  ['org_initialism', 'ABC Trading GmbH', 'A.B.C. Trading GmbH', 'match'],
  ['org_initialism', 'K.L.M. Cargo', 'KLM Cargo', 'match'],
  ['org_initialism', 'N.P.O. Mashinostroyeniya', 'NPO Mashinostroyeniya', 'match'],
  ['org_initialism', 'ABC Trading GmbH', 'ABD Trading GmbH', 'no_match'],
  ['org_initialism', 'I.R.G.C. Logistics', 'IRGA Logistics', 'no_match'],
  ['org_article', 'The Crimson Hand', 'The Crimson Sword', 'no_match'],
  ['org_joined', 'Blue Water Holdings', 'Blue Ridge Holdings', 'no_match'],
];

// prettier-ignore
export const GIVEN: string[] = [
  'Anna', 'Agnes', 'Maria', 'Johan', 'Erik', 'Karin', 'Lars', 'Ingrid', 'Peter', 'Thomas',
  'Michael', 'Sarah', 'David', 'James', 'Elizabeth', 'Robert', 'William', 'Catherine', 'Daniel',
  'Laura', 'Hans', 'Klaus', 'Ursula', 'Wolfgang', 'Greta', 'Pierre', 'Jean', 'Sophie', 'Camille',
  'Luc', 'Giovanni', 'Giulia', 'Marco', 'Francesca', 'Carlos', 'Lucia', 'Javier', 'Isabel', 'Pablo',
  'Ivan', 'Sergey', 'Olga', 'Natalya', 'Dmitry', 'Viktor', 'Yelena', 'Andrey', 'Tatyana', 'Pavel',
  'Mohammed', 'Ahmed', 'Fatima', 'Omar', 'Yusuf', 'Aisha', 'Hassan', 'Khalid', 'Layla', 'Ibrahim',
  'Mehmet', 'Ayse', 'Emre', 'Zeynep', 'Piotr', 'Katarzyna', 'Tomasz', 'Agnieszka', 'Jan', 'Eva',
  'Jukka', 'Aino', 'Mikko', 'Sigrid', 'Bjorn', 'Nikos', 'Eleni', 'Dimitris', 'Kenji', 'Yuki',
];

// prettier-ignore
export const SURNAMES: string[] = [
  'Berg', 'Lindqvist', 'Johansson', 'Nilsson', 'Andersson', 'Svensson', 'Holm', 'Sandberg',
  'Smith', 'Johnson', 'Williams', 'Brown', 'Taylor', 'Wilson', 'Evans', 'Thompson', 'Walker',
  'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Hoffmann', 'Dubois', 'Lefèvre',
  'Moreau', 'Laurent', 'Rossi', 'Bianchi', 'Ricci', 'Esposito', 'García', 'Fernández', 'López',
  'Martínez', 'Ivanov', 'Petrov', 'Smirnov', 'Kuznetsov', 'Popov', 'Volkov', 'Sokolov', 'Morozov',
  'Hassan', 'Rahman', 'Haddad', 'Khalil', 'Mansour', 'Nasser', 'Yilmaz', 'Kaya', 'Demir', 'Öztürk',
  'Kowalski', 'Nowak', 'Wiśniewski', 'Novák', 'Dvořák', 'Virtanen', 'Korhonen', 'Hansen',
  'Papadopoulos', 'Georgiou', 'Tanaka', 'Suzuki', 'Okafor', 'Mensah', 'Haugen', 'Larsen',
];

/** Surnames with a particle: [full, without the particle]. */
export const PARTICLE_SURNAMES: Array<[string, string]> = [
  ['van der Berg', 'Berg'],
  ['von Trapp', 'Trapp'],
  ['al-Rashid', 'Rashid'],
  ['bin Hamad', 'Hamad'],
  ['de la Cruz', 'Cruz'],
  ['af Klint', 'Klint'],
  ['el-Masri', 'Masri'],
  ['van Dijk', 'Dijk'],
  ['ibn Saud', 'Saud'],
  ['al-Zahrani', 'Zahrani'],
  ['von Essen', 'Essen'],
  ['da Silva', 'Silva'],
];

export const TITLES: string[] = [
  'Dr.',
  'Mr',
  'Mrs',
  'Ms',
  'Prof.',
  'Sheikh',
  'President',
  'Herr',
  'Fru',
  'Dr',
];

/** Names written in another script, and as the list writes them in Latin letters. */
export const SCRIPT_PAIRS: Array<[string, string]> = [
  ['Сергей Иванов', 'Sergey Ivanov'],
  ['Дмитрий Медведев', 'Dmitry Medvedev'],
  ['Михаил Ходорковский', 'Mikhail Khodorkovsky'],
  ['Андрей Кузнецов', 'Andrey Kuznetsov'],
  ['Ольга Смирнова', 'Olga Smirnova'],
  ['Татьяна Волкова', 'Tatyana Volkova'],
  ['Виктор Петров', 'Viktor Petrov'],
  ['Ярослав Шевченко', 'Yaroslav Shevchenko'],
  ['Рамзан Кадыров', 'Ramzan Kadyrov'],
  ['Наталья Козлова', 'Natalya Kozlova'],
  ['Павел Морозов', 'Pavel Morozov'],
  ['Юлия Соколова', 'Yulia Sokolova'],
  ['Γιώργος Παπαδόπουλος', 'Giorgos Papadopoulos'],
  ['Νίκος Δημητρίου', 'Nikos Dimitriou'],
  ['Κώστας Γεωργίου', 'Kostas Georgiou'],
  ['Ελένη Παππά', 'Eleni Pappa'],
  ['محمد حسن', 'Mohammed Hassan'],
  ['أحمد منصور', 'Ahmed Mansour'],
  ['عمر خليل', 'Omar Khalil'],
  ['יוסף כהן', 'Yosef Cohen'],
];

/** Different people in another script and in Latin letters. */
export const SCRIPT_NEGATIVES: Array<[string, string]> = [
  ['Сергей Иванов', 'Sergey Petrov'],
  ['Ольга Смирнова', 'Olga Sokolova'],
  ['Дмитрий Медведев', 'Dmitry Morozov'],
  ['Γιώργος Παπαδόπουλος', 'Nikos Papadopoulos'],
  ['Виктор Петров', 'Pavel Petrov'],
];

/** One person written two ways, as lists and registers spell names from other languages. */
export const SPELLING_PAIRS: Array<[string, string]> = [
  ['Mohammed Hassan', 'Muhammad Hasan'],
  ['Mohamed Abdi', 'Mohammed Abdi'],
  ['Yusuf Khalil', 'Youssef Khalil'],
  ['Sergey Ivanov', 'Sergei Ivanov'],
  ['Aleksandr Petrov', 'Alexander Petrov'],
  ['Yevgeny Volkov', 'Evgeny Volkov'],
  ['Tatyana Morozova', 'Tatiana Morozova'],
  ['Natalya Popova', 'Natalia Popova'],
  ['Dmitry Sokolov', 'Dmitri Sokolov'],
  ['Osama Haddad', 'Usama Haddad'],
  ['Abdulrahman Nasser', 'Abdul Rahman Nasser'],
  ['Mikhail Smirnov', 'Michail Smirnov'],
  ['Yuri Kuznetsov', 'Yury Kuznetsov'],
  ['Katarzyna Nowak', 'Katarzyna Novak'],
  ['Jurgen Müller', 'Jürgen Mueller'],
  ['Francois Dubois', 'François Dubois'],
  ['Aisha Rahman', 'Aysha Rahman'],
  ['Omar al-Farouq', 'Omar Farouk'],
  ['Khalid Mansour', 'Khaled Mansur'],
  ['Ibrahim Yilmaz', 'İbrahim Yılmaz'],
];

/** Harder pairs that are different bodies or people: [subject kind, listed, queried]. */
export const HARD_NEGATIVES: Array<['organisation' | 'person', string, string]> = [
  ['organisation', 'Gazprom Neft PJSC', 'Gazprom Bank PJSC'],
  ['organisation', 'Golden Horn Finance Ltd', 'Golden Horn Shipping Ltd'],
  ['organisation', 'Rosneft Trading SA', 'Rosneft Shipping SA'],
  ['organisation', 'Northern Star Mining LLC', 'Southern Star Mining LLC'],
  ['organisation', 'Baltic Sea Logistics GmbH', 'Black Sea Logistics GmbH'],
  ['organisation', 'Kestrel Avionics Ltd', 'Kestrel Aviation Ltd'],
  ['organisation', 'Al-Noor Charitable Foundation', 'Al-Huda Charitable Foundation'],
  ['organisation', 'First National Bank of Kerch', 'Second National Bank of Kerch'],
  ['organisation', 'Volga Chemicals OOO', 'Volga Cement OOO'],
  ['organisation', 'United Ship Repair Yard JSC', 'United Aircraft Repair Plant JSC'],
  ['person', 'Ivan Petrov', 'Ivana Petrova'],
  ['person', 'Daniel Schmidt', 'Daniela Schmidt'],
  ['person', 'Mario Rossi', 'Maria Rossi'],
  ['person', 'Jan Nowak', 'Jana Nowak'],
  ['person', 'Anna Maria Berg', 'Anna Karin Berg'],
  ['person', 'Mohammed Ali Hassan', 'Mohammed Omar Hassan'],
  ['person', 'Peter Hansen', 'Peter Hanson'],
  ['person', 'Erik Johansson', 'Erika Johansson'],
  ['person', 'Khalid bin Hamad', 'Khalid bin Salman'],
  ['person', 'Sergey Ivanov', 'Sergey Ivanovich Petrov'],
];
