import { normaliseName } from '../../src/watchlist/matcher';
import { expectPairs } from './matcher.intl.helpers';

// Organisation names of any jurisdiction (issue 13 point 1): the same body written as lists and
// registers of other countries write it is referred; another body with the same legal form is not.
const keys = (name: string) => normaliseName(name).tokens.map((t) => t.key);

describe('organisation names of other jurisdictions', () => {
  it('reads long and short legal forms as one low-weight word', () => {
    expect(keys('Bosch Gesellschaft mit beschränkter Haftung')).toEqual(keys('Bosch GmbH'));
    expect(keys('Gazprom Neft Public Joint Stock Company')).toEqual(keys('Gazprom Neft PJSC'));
    expect(keys('Romashka OOO')).toEqual(keys('Romashka LLC'));
    expect(keys('Romashka Obshchestvo s Ogranichennoy Otvetstvennostyu')).toEqual(keys('Romashka OOO'));
    expect(keys('Общество с ограниченной ответственностью Ромашка')).toEqual(keys('OOO Romashka'));
    expect(keys('Vistula Spółka z ograniczoną odpowiedzialnością')).toEqual(keys('Vistula Sp. z o.o.'));
    expect(keys('Volga Open Joint-Stock Company')).toEqual(keys('Volga OAO'));
  });

  it('refers the same body whatever form of its legal form is written, or none', () => {
    expectPairs(
      'organisation',
      [
        ['Bosch Armaturen GmbH', 'Bosch Armaturen Gesellschaft mit beschränkter Haftung'],
        ['Siemens Energie AG', 'Siemens Energie Aktiengesellschaft'],
        ['PJSC Gazprom Neft', 'Gazprom Neft Public Joint Stock Company'],
        ['OOO Romashka', 'Romashka LLC'],
        ['JSC Almaz Tekhnika', 'Almaz Tekhnika Joint Stock Company'],
        ['Carpathia Mining S.R.L.', 'Carpathia Mining Societatea cu Răspundere Limitată'],
        ['Vistula Grain Sp. z o.o.', 'Vistula Grain Spółka z ograniczoną odpowiedzialnością'],
        ['Kestrel Avionics Corp.', 'Kestrel Avionics Corporation'],
        ['Acme Rockets Inc', 'Acme Rockets Incorporated'],
        ['Harbour Bridge Co.', 'Harbour Bridge Company'],
        ['Kingfisher Aviation Limited', 'Kingfisher Aviation Ltd'],
        ['Pelican Ports B.V.', 'Pelican Ports Besloten Vennootschap'],
        ['Tatra Motors SA', 'Tatra Motors Société Anonyme'],
        ['Sahara Minerals S.p.A.', 'Sahara Minerals Societa per Azoini'],
        ['Nordlys Fiske AS', 'Nordlys Fiske'],
      ],
      true,
    );
  });

  it('keeps apart bodies that share only their legal form or a word', () => {
    expectPairs(
      'organisation',
      [
        ['Baltic Timber GmbH', 'Baltic Shipping GmbH'],
        ['Alpha Trading LLC', 'Omega Trading LLC'],
        ['Volga Chemicals OOO', 'Volga Cement OOO'],
        ['Golden Horn Finance Ltd', 'Golden Horn Shipping Ltd'],
        ['Kestrel Avionics Corp.', 'Osprey Marine Corporation'],
      ],
      false,
    );
  });

  it('reads numbers and ordinals in digits, English or Swedish words as one', () => {
    expect(keys('Forty-Four Capital')).toEqual(keys('44 Capital'));
    expect(keys('Fyrtiofyra Capital')).toEqual(keys('44 Capital'));
    expect(keys('Tolv Stenar')).toEqual(keys('Twelve Stenar'));
    expect(keys('första andra 3rd twenty-first')).toEqual(['1', '2', '3', '21']);
    // Articles are not numbers: "en" and "ett" stay words.
    expect(keys('Ett Hus')).toEqual(keys('ett hus'));
    expect(keys('Ett Hus')).not.toContain('1');
    expectPairs(
      'organisation',
      [
        ['Second Street Bank', '2nd Street Bank'],
        ['Brigade 12', 'Brigade Twelve'],
        ['Första Sparbanken Norr', '1st Sparbanken Norr'],
        ['Tolv Stenar Fastigheter', 'Twelve Stenar Fastigheter'],
      ],
      true,
    );
    expectPairs(
      'organisation',
      [
        ['Brigade 12', 'Brigade 13'],
        ['Second Street Bank', 'Third Street Bank'],
      ],
      false,
    );
  });

  it('drops articles and apostrophes inside names', () => {
    expect(keys("Al-Qa'ida")).toEqual(keys('Al Qaida'));
    expect(keys('Al-Qaʼida')).toEqual(keys('Al Qaida'));
    expectPairs(
      'organisation',
      [
        ['The Crimson Hand', 'Crimson Hand'],
        ["Al-Qa'ida in the Northern Desert", 'Al Qaida in the Northern Desert'],
        ["Jama'at Nasr", 'Jamaat Nasr'],
      ],
      true,
    );
  });

  it('meets words joined or split, and initialisms with or without dots', () => {
    expectPairs(
      'organisation',
      [
        ['Gazprom Neft Trading', 'Gazpromneft Trading'],
        ['Sea Star Shipping', 'Seastar Shipping'],
        ['I.R.G.C. Logistics', 'IRGC Logistics'],
        ['U.S. Steel Trading', 'US Steel Trading'],
      ],
      true,
    );
  });
});
