// The JavaScript half of the browser stand-in for `cryptography`: scrypt and AES-GCM from the
// audited, dependency-free noble libraries, synchronous so Python can call them directly.
// bundle_crypto.py turns this file into one script that sets globalThis.workbookCrypto.
import { scrypt as nobleScrypt } from '@noble/hashes/scrypt.js';
import { gcm } from '@noble/ciphers/aes.js';

const TAG_BYTES = 16;

function invalidTag() {
  const error = new Error('The authentication tag does not match: wrong key or changed data.');
  error.name = 'InvalidTag';
  return error;
}

/** scrypt (RFC 7914) of the password bytes; returns dkLen bytes. */
export function scrypt(passwordBytes, salt, N, r, p, dkLen) {
  return nobleScrypt(passwordBytes, salt, { N, r, p, dkLen });
}

/** AES-GCM: the ciphertext with the 16-byte tag appended, as `cryptography`'s AESGCM gives. */
export function gcmEncrypt(key, nonce, plaintext, aad) {
  return gcm(key, nonce, aad).encrypt(plaintext);
}

/** The plaintext, or an Error named 'InvalidTag' when the tag does not verify. */
export function gcmDecrypt(key, nonce, ciphertextWithTag, aad) {
  if (ciphertextWithTag.length < TAG_BYTES) throw invalidTag();
  const cipher = gcm(key, nonce, aad);
  try {
    return cipher.decrypt(ciphertextWithTag);
  } catch (error) {
    if (/invalid tag/i.test(String(error && error.message))) throw invalidTag();
    throw error;
  }
}
