import { normaliseName } from '../../src/watchlist/matcher';
import { expectPairs } from './matcher.intl.helpers';

// Person names (issue 13 point 2): one person written the ways lists and registers write people is
// referred; two people who share a surname, or a name and its feminine form, are not.
const keys = (name: string) => normaliseName(name).tokens.map((t) => t.key);

describe('person names', () => {
  it('refers a name written surname first', () => {
    expectPairs(
      'person',
      [
        ['Anna Maria Berg', 'BERG, Anna Maria'],
        ['Hans Weber', 'Weber Hans'],
      ],
      true,
    );
  });

  it('ignores titles and honorifics', () => {
    expectPairs(
      'person',
      [
        ['Anna Berg', 'Dr. Anna Berg'],
        ['Anna Berg', 'Mrs Anna Berg'],
        ['Khalid Mansour', 'Sheikh Khalid Mansour'],
        ['Hans Weber', 'Herr Hans Weber'],
        ['Karin Holm', 'Fru Karin Holm'],
        ['Viktor Volkov', 'President Viktor Volkov'],
        ['Ingrid Sandberg', 'Prof. Ingrid Sandberg'],
        ['Anna Berg', 'BERG, Dr. Anna'],
      ],
      true,
    );
  });

  it('handles name particles written or left out', () => {
    expectPairs(
      'person',
      [
        ['Khalid bin Hamad', 'Khalid Hamad'],
        ['Omar al-Rashid', 'Omar Rashid'],
        ['Omar al-Rashid', 'Omar al Rashid'],
        ['Ludwig van Dijk', 'Ludwig Dijk'],
        ['Hilma af Klint', 'Hilma Klint'],
        ['Carl von Essen', 'Carl Essen'],
        ['Rosa de la Cruz', 'Rosa Cruz'],
      ],
      true,
    );
  });

  it('matches an initial to the given name it begins, a missing middle name and a repeated one', () => {
    expectPairs(
      'person',
      [
        ['Anna Berg', 'A. Berg'],
        ['Ivan Petrov', 'I. Petrov'],
        ['Anna Maria Berg', 'A. Maria Berg'],
        ['Anna Maria Berg', 'Anna Berg'],
        ['Mohamed Mohamed Abdi', 'Mohamed Abdi'],
      ],
      true,
    );
  });

  it('keeps apart people who share a surname, or a name and its feminine form', () => {
    expectPairs(
      'person',
      [
        ['Anna Berg', 'Agnes Berg'],
        ['Anna Maria Berg', 'Anna Karin Berg'],
        ['Ivan Petrov', 'Ivana Petrova'],
        ['Erik Johansson', 'Erika Johansson'],
        ['Mario Rossi', 'Maria Rossi'],
        ['Anna Berg', 'Berg'],
        ['Peter Holm', 'Peter Sandberg'],
      ],
      false,
    );
  });

  it('compares names in other scripts through transliteration', () => {
    expect(keys('Дмитрий Медведев')).toEqual(keys('Dmitry Medvedev'));
    expect(keys('Γιώργος Παπαδόπουλος')).toEqual(keys('Giorgos Papadopoulos'));
    expectPairs(
      'person',
      [
        ['Dmitry Medvedev', 'Дмитрий Медведев'],
        ['Yaroslav Shevchenko', 'Ярослав Шевченко'],
        ['Giorgos Papadopoulos', 'Γιώργος Παπαδόπουλος'],
        ['Mohammed Hassan', 'محمد حسن'],
        ['Omar Khalil', 'عمر خليل'],
      ],
      true,
    );
    expectPairs(
      'person',
      [
        ['Sergey Petrov', 'Сергей Иванов'],
        ['Nikos Papadopoulos', 'Γιώργος Παπαδόπουλος'],
        ['Ahmed Mansour', 'محمد حسن'],
      ],
      false,
    );
  });
});
