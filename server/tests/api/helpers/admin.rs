//! The admin's side of a test: logging in, and a session with one method
//! per kind of request.

use serde_json::Value;

use super::{TestApp, ADMIN_PASSWORD};

/// A logged-in admin of one test's server: its cookie and CSRF token, with
/// a clone of the app's client and its address.
pub struct AdminSession {
    client: reqwest::Client,
    address: String,
    /// The session cookie (`name=value`).
    pub cookie: String,
    /// The session's CSRF token.
    pub csrf: String,
}

/// `POST /api/admin/login` as the first admin with `password`.
pub async fn login(app: &TestApp, password: &str) -> reqwest::Response {
    crate::common::admin_login(&app.client, &app.admin_address, password).await
}

/// `POST /api/admin/login` with `body`, bringing the known-browser cookie
/// (`name=value`) when given.
pub async fn login_with(app: &TestApp, body: Value, device: Option<&str>) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}/api/admin/login", app.admin_address))
        .json(&body);
    if let Some(device) = device {
        request = request.header("cookie", device);
    }
    request.send().await.expect("sent")
}

/// The cookie `name` a response sets, as `name=value`.
pub fn set_cookie(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

/// The session a successful login started.
pub async fn session_of(app: &TestApp, response: reqwest::Response) -> AdminSession {
    assert_eq!(response.status(), 200, "logged in");
    let cookie = set_cookie(&response, "zs_admin").expect("session cookie");
    let body: Value = response.json().await.expect("json");
    AdminSession {
        client: app.client.clone(),
        address: app.admin_address.clone(),
        cookie,
        csrf: body["csrf_token"].as_str().unwrap_or_default().to_owned(),
    }
}

impl TestApp {
    /// Logs in as the first admin.
    pub async fn login_admin(&self) -> AdminSession {
        let (cookie, csrf) =
            crate::common::admin_session(&self.client, &self.admin_address, ADMIN_PASSWORD).await;
        AdminSession {
            client: self.client.clone(),
            address: self.admin_address.clone(),
            cookie,
            csrf,
        }
    }
}

impl AdminSession {
    /// `GET {path}` with the session cookie.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("sent")
    }

    /// `GET /api/admin/orders/{number}`: the order's detail.
    pub async fn detail(&self, number: &str) -> Value {
        self.get(&format!("/api/admin/orders/{number}"))
            .await
            .json()
            .await
            .expect("json")
    }

    /// The card method's settings as `PUT /api/admin/settings/card` takes
    /// them (without the read-only trader code and access-key flag).
    pub async fn card_settings(&self) -> Value {
        let mut settings: Value = self
            .get("/api/admin/settings/card")
            .await
            .json()
            .await
            .expect("json");
        if let Some(o) = settings.as_object_mut() {
            o.remove("trader_code");
            o.remove("access_key_set");
        }
        settings
    }

    /// JSON `POST` with the session cookie and the CSRF token.
    pub async fn post(&self, path: &str, body: Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, body).await
    }

    /// JSON `PUT` with the session cookie and the CSRF token.
    pub async fn put(&self, path: &str, body: Value) -> reqwest::Response {
        self.send(reqwest::Method::PUT, path, body).await
    }

    /// `GET` and the JSON it answers.
    pub async fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        self.get(path).await.json().await.expect("json")
    }

    /// `DELETE` with the session cookie and the CSRF token.
    pub async fn delete(&self, path: &str) -> reqwest::Response {
        self.raw(
            reqwest::Method::DELETE,
            path,
            "application/json",
            Vec::new(),
        )
        .await
    }

    /// Any body and content type, with the session cookie and the CSRF token.
    pub async fn raw(
        &self,
        method: reqwest::Method,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> reqwest::Response {
        self.client
            .request(method, format!("{}{path}", self.address))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("sent")
    }

    /// JSON with the session cookie and the CSRF token.
    async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> reqwest::Response {
        self.client
            .request(method, format!("{}{path}", self.address))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .expect("sent")
    }
}
