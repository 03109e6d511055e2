/*
 * Zerostep sandbox: a stand-in for Yamato's embeddedTokenLib.js.
 *
 * WebcollectTokenLib.createToken(createTokenInfo, callbackSuccess, callbackFailure)
 * sends the card data to this script's own origin (never to the merchant),
 * and calls back with {token} or {errorInfo: [{errorCode, errorMsg, errorItem}]}.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var src = script && script.src ? script.src : "";
  // ".../api/token/js/embeddedTokenLib.js" -> ".../api/token/issue"
  var issueUrl = src.replace(/\/token\/js\/embeddedTokenLib\.js(\?.*)?$/, "/token/issue");
  var TIMEOUT_MS = 20000;

  function text(value) {
    return value === undefined || value === null ? "" : String(value);
  }

  function failure(code, message) {
    return { errorInfo: [{ errorCode: code, errorMsg: message, errorItem: "" }] };
  }

  function createToken(info, callbackSuccess, callbackFailure) {
    if (typeof callbackSuccess !== "function" || typeof callbackFailure !== "function") {
      throw new TypeError("WebcollectTokenLib.createToken needs two callback functions");
    }
    info = info || {};
    var body = {
      traderCode: text(info.traderCode),
      authDiv: text(info.authDiv),
      optServDiv: text(info.optServDiv),
      memberId: text(info.memberId),
      authKey: text(info.authKey),
      checkSum: text(info.checkSum),
      cardNo: text(info.cardNo),
      cardOwner: text(info.cardOwner),
      cardExp: text(info.cardExp),
      securityCode: text(info.securityCode)
    };
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = setTimeout(function () {
      if (controller) controller.abort();
    }, TIMEOUT_MS);
    fetch(issueUrl, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) {
        return response.json();
      })
      .then(function (result) {
        clearTimeout(timer);
        if (result && typeof result.token === "string") {
          callbackSuccess({ token: result.token });
        } else if (result && result.errorInfo && result.errorInfo.length) {
          callbackFailure({ errorInfo: result.errorInfo });
        } else {
          callbackFailure(failure("Z019999999", "システムエラーが発生しました。"));
        }
      })
      .catch(function () {
        clearTimeout(timer);
        callbackFailure(failure("Z012000011", "リクエストタイムアウト（トークン発行時）"));
      });
  }

  window.WebcollectTokenLib = { createToken: createToken };
})();
