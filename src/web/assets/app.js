// chipreg web UI: small progressive enhancements. Every page works without this file.
'use strict';

// Filter forms apply as soon as a choice changes (the Apply button stays for keyboard and no-JS users).
for (const form of document.querySelectorAll('form[data-autosubmit]')) {
  for (const select of form.querySelectorAll('select')) {
    select.addEventListener('change', () => {
      // Empty choices mean "any": leave them out of the URL, as the server would ignore them anyway.
      for (const field of form.querySelectorAll('select')) field.disabled = field.value === '';
      form.submit();
    });
  }
}

// Coming back with the browser's Back button must not leave the "any" choices disabled.
window.addEventListener('pageshow', () => {
  for (const field of document.querySelectorAll('form[data-autosubmit] select')) field.disabled = false;
});

// "Verify certificate": fetch the signed certificate and let the registry check its signature.
const verifyButton = document.getElementById('verify-button');
if (verifyButton) {
  const output = document.getElementById('verify-result');
  const labels = verifyButton.dataset;
  const show = (text, state) => {
    output.textContent = text;
    output.className = `verify-result verify-${state}`;
  };
  const problemText = async (response) => {
    try {
      const body = await response.json();
      return body.detail || body.title || `HTTP ${response.status}`;
    } catch {
      return `HTTP ${response.status}`;
    }
  };
  verifyButton.addEventListener('click', async () => {
    verifyButton.disabled = true;
    show(labels.labelVerifying, 'pending');
    try {
      const certificate = await fetch(labels.certificate, { headers: { accept: 'application/json' } });
      if (!certificate.ok) throw new Error(await problemText(certificate));
      const document_ = await certificate.json();
      const verdict = await fetch('/v1/verify', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(document_),
      });
      if (!verdict.ok) throw new Error(await problemText(verdict));
      const answer = await verdict.json();
      const key = answer.keyId ? ` · key ${answer.keyId}` : '';
      if (!answer.valid) show(`${labels.labelInvalid}: ${answer.reason}`, 'invalid');
      // An authentic certificate of a revoked, superseded or expired certification is not "valid".
      else if (answer.status && answer.status !== 'active')
        show(`${labels.labelNotCurrent}: ${answer.reason}${key}`, 'warning');
      else show(`${labels.labelValid}: ${answer.reason}${key}`, 'valid');
    } catch (error) {
      show(`${labels.labelFailed}: ${error instanceof Error ? error.message : String(error)}`, 'invalid');
    } finally {
      verifyButton.disabled = false;
    }
  });
}
