import { AlbumsPage } from '../library/AlbumsPage';

/** Home: recently added albums (recently played, your top and Weekly Discover come with their features). */
export function HomePage() {
  return <AlbumsPage title="Recently added" initialSort="recent" />;
}
