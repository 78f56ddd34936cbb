import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkChatWords } from '../src/chat-word-filter';

describe('chat: the word filter holds a message for review', () => {
  it('lets ordinary French and English messages through', () => {
    for (const text of [
      'Bonjour à tous, merci pour cette présentation !',
      'Can you share the slides afterwards?',
      'Le concombre et la conférence sont excellents',
      'Scunthorpe United won on Saturday',
      'Quelle est la différence entre les deux approches ?',
      'https://example.org/compte-rendu',
    ]) {
      assert.deepEqual(checkChatWords(text), { held: false, words: [] }, text);
    }
  });

  it('holds English profanity, also disguised', () => {
    for (const text of ['this is bullshit', 'FÜCK this', 'sh1t happens', 'fuuuuck this']) {
      assert.equal(checkChatWords(text).held, true, text);
    }
  });

  it('holds French insults with or without accents, in any case', () => {
    for (const text of [
      'espèce de connard',
      'ESPECE DE CONNNARD',
      'quel enfoiré',
      'ta gueule',
      'sal0pe',
      'fils de pute',
    ]) {
      assert.equal(checkChatWords(text).held, true, text);
    }
  });

  it('tells the moderator which words matched', () => {
    const check = checkChatWords('quel enfoiré, vraiment');
    assert.equal(check.held, true);
    assert.deepEqual(check.words, ['enfoire']);
  });
});
