import { Link } from 'react-router';

export function NotFound() {
  return (
    <section>
      <h1>Not found</h1>
      <p>There is no page here. <Link to="/">Go home</Link>.</p>
    </section>
  );
}
