fn main() {
    println!("géocodeur");
}
