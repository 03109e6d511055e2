//! The data mover's parts that need no PostgreSQL.

use super::*;

#[test]
fn the_checksum_is_the_same_in_any_order_and_tells_values_apart() {
    let a = vec![Value::Int(1), Value::Text("x".into()), Value::Null];
    let b = vec![
        Value::Int(2),
        Value::Bytes(vec![0, 1]),
        Value::Text(String::new()),
    ];
    assert_eq!(
        checksum(&[a.clone(), b.clone()]),
        checksum(&[b.clone(), a.clone()])
    );
    assert_ne!(checksum(std::slice::from_ref(&a)), checksum(&[b]));
    // A number and its text, an empty text and none, are not the same.
    assert_ne!(
        checksum(&[vec![Value::Int(1)]]),
        checksum(&[vec![Value::Text("1".into())]])
    );
    assert_ne!(
        checksum(&[vec![Value::Null]]),
        checksum(&[vec![Value::Text(String::new())]])
    );
    assert_ne!(checksum(&[a.clone(), a.clone()]), checksum(&[a]));
}

#[test]
fn tables_come_after_the_tables_they_refer_to_and_the_revision_last() {
    let conn = Connection::open_in_memory().expect("memory");
    conn.execute_batch(
        "CREATE TABLE settings_revision (id INTEGER PRIMARY KEY, revision INTEGER);
         CREATE TABLE b_items (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a_orders (id));
         CREATE TABLE a_orders (id INTEGER PRIMARY KEY, z_id INTEGER REFERENCES z_shops (id));
         CREATE TABLE z_shops (id INTEGER PRIMARY KEY);
         CREATE TABLE _sqlx_migrations (version INTEGER PRIMARY KEY);",
    )
    .expect("schema");
    assert_eq!(
        tables_in_order(&conn).expect("ordered"),
        ["z_shops", "a_orders", "b_items", "settings_revision"]
    );
}
